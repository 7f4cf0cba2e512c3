/**
 * A student's diary: their classes' lessons, their own marks and attendance over a date range — five
 * statements whatever the range, each bounded by school year and served by an index.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { isoWeekday } from '../../calendar.ts';
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { classMembers, lessons, marks, attendance, homeworkSubmissions, holidays, classes, scheduleSlots } =
  learningTables;

export interface StudentRange {
  studentId: string;
  schoolYear: number;
  from: string;
  to: string;
}

/** The student's class memberships in the range that the principal may read; none means no access. */
export function readableMemberships(db: Executor, policy: LearningPolicy, range: StudentRange) {
  return db
    .select({
      classId: classMembers.classId,
      joinedOn: classMembers.joinedOn,
      leftOn: classMembers.leftOn,
      organizationId: classes.organizationId,
    })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .where(
      and(
        eq(classMembers.personId, range.studentId),
        eq(classes.schoolYear, range.schoolYear),
        lte(classMembers.joinedOn, range.to),
        or(isNull(classMembers.leftOn), gt(classMembers.leftOn, range.from)) as SQL,
        policy.studentsWith(qualified(classMembers.personId), qualified(classMembers.classId)),
      ),
    );
}

export function lessonsOfClasses(db: Executor, classIds: readonly string[], range: StudentRange) {
  return db
    .select()
    .from(lessons)
    .where(
      and(
        eq(lessons.schoolYear, range.schoolYear),
        inArray(lessons.classId, [...classIds]),
        gte(lessons.date, range.from),
        lte(lessons.date, range.to),
      ),
    )
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));
}

/** The timetable slots of the classes valid at some day of the range: the rooms of the diary's lessons. */
export function slotsOfClasses(db: Executor, classIds: readonly string[], range: StudentRange) {
  return db
    .select({
      classId: scheduleSlots.classId,
      subjectId: scheduleSlots.subjectId,
      teacherId: scheduleSlots.teacherId,
      subgroup: scheduleSlots.subgroup,
      weekday: scheduleSlots.weekday,
      lessonNumber: scheduleSlots.lessonNumber,
      room: scheduleSlots.room,
      validFrom: scheduleSlots.validFrom,
      validTo: scheduleSlots.validTo,
    })
    .from(scheduleSlots)
    .where(
      and(
        inArray(scheduleSlots.classId, [...classIds]),
        lte(scheduleSlots.validFrom, range.to),
        or(isNull(scheduleSlots.validTo), gte(scheduleSlots.validTo, range.from)) as SQL,
      ),
    );
}

export type SlotRow = Awaited<ReturnType<typeof slotsOfClasses>>[number];

/** The room of a lesson: its class's slot for the lesson's own teacher on that weekday, number and date. */
export function roomOf(
  slots: readonly SlotRow[],
  lesson: {
    classId: string;
    subjectId: string;
    teacherId: string;
    subgroup: number | null;
    date: string;
    lessonNumber: number;
  },
): string | null {
  const weekday = isoWeekday(lesson.date);
  const slot = slots.find(
    (s) =>
      s.classId === lesson.classId &&
      s.subjectId === lesson.subjectId &&
      s.teacherId === lesson.teacherId &&
      s.subgroup === lesson.subgroup &&
      s.weekday === weekday &&
      s.lessonNumber === lesson.lessonNumber &&
      s.validFrom <= lesson.date &&
      (s.validTo === null || s.validTo >= lesson.date),
  );
  return slot?.room ?? null;
}

export function marksOfStudent(
  db: Executor,
  range: StudentRange,
  filter: { subjectId?: string | null; kinds?: string[] | null } = {},
) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, range.schoolYear),
        eq(marks.studentId, range.studentId),
        gte(marks.date, range.from),
        lte(marks.date, range.to),
        isNull(marks.deletedAt),
        filter.subjectId ? eq(marks.subjectId, filter.subjectId) : undefined,
        filter.kinds?.length ? sql`${marks.kind} in ${filter.kinds}` : undefined,
      ),
    )
    .orderBy(asc(marks.date), asc(marks.setAt));
}

export function attendanceOfStudent(db: Executor, range: StudentRange) {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        eq(attendance.studentId, range.studentId),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
      ),
    )
    .orderBy(asc(attendance.date));
}

export function submissionsOfStudent(db: Executor, range: StudentRange) {
  return db
    .select({ lessonId: homeworkSubmissions.lessonId })
    .from(homeworkSubmissions)
    .where(
      and(eq(homeworkSubmissions.schoolYear, range.schoolYear), eq(homeworkSubmissions.studentId, range.studentId)),
    );
}

export function holidaysOf(db: Executor, organizationIds: readonly string[], from: string, to: string) {
  return db
    .select()
    .from(holidays)
    .where(
      and(
        inArray(holidays.organizationId, [...organizationIds]),
        lte(holidays.startsOn, to),
        gte(holidays.endsOn, from),
      ),
    );
}

/** Mandatory homework of the student's classes due before today and not handed in (rule 11). */
export function overdueHomework(
  db: Executor,
  classIds: readonly string[],
  studentId: string,
  schoolYear: number,
  today: string,
) {
  return db
    .select()
    .from(lessons)
    .where(
      and(
        eq(lessons.schoolYear, schoolYear),
        inArray(lessons.classId, [...classIds]),
        eq(lessons.homeworkMandatory, true),
        lt(lessons.homeworkDueOn, today),
        sql`not exists (select 1 from learning.homework_submissions s where s.school_year = ${schoolYear}
          and s.lesson_id = ${qualified(lessons.id)} and s.student_id = ${studentId})`,
      ),
    )
    .orderBy(asc(lessons.homeworkDueOn));
}
