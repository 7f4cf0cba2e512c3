/**
 * Students' diaries: their classes' lessons, their own marks and attendance over a date range — a fixed
 * number of statements whatever the range and however many students (a guardian's children) one request
 * reads, each bounded by school year and served by an index (issue 13 §3: `loaders.ts` batches the students).
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

/** A range's dates without the student: the students of one batch share them. */
export type Dates = Omit<StudentRange, 'studentId'>;

/**
 * The students' class memberships in the range that the principal may read; a student without any is out of
 * reach (no access), and no other statement reads their rows.
 */
export function readableMemberships(db: Executor, policy: LearningPolicy, studentIds: readonly string[], range: Dates) {
  return db
    .select({
      studentId: classMembers.personId,
      classId: classMembers.classId,
      joinedOn: classMembers.joinedOn,
      leftOn: classMembers.leftOn,
      organizationId: classes.organizationId,
    })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .where(
      and(
        inArray(classMembers.personId, [...studentIds]),
        eq(classes.schoolYear, range.schoolYear),
        lte(classMembers.joinedOn, range.to),
        or(isNull(classMembers.leftOn), gt(classMembers.leftOn, range.from)) as SQL,
        policy.studentsWith(qualified(classMembers.personId), qualified(classMembers.classId)),
      ),
    );
}

export type MembershipRow = Awaited<ReturnType<typeof readableMemberships>>[number];

export function lessonsOfClasses(db: Executor, classIds: readonly string[], range: Dates) {
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
export function slotsOfClasses(db: Executor, classIds: readonly string[], range: Dates) {
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

export function marksOfStudents(
  db: Executor,
  studentIds: readonly string[],
  range: Dates,
  filter: { subjectId?: string | null; kinds?: string[] | null } = {},
) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, range.schoolYear),
        inArray(marks.studentId, [...studentIds]),
        gte(marks.date, range.from),
        lte(marks.date, range.to),
        isNull(marks.deletedAt),
        filter.subjectId ? eq(marks.subjectId, filter.subjectId) : undefined,
        filter.kinds?.length ? sql`${marks.kind} in ${filter.kinds}` : undefined,
      ),
    )
    .orderBy(asc(marks.date), asc(marks.setAt));
}

export function attendanceOfStudents(db: Executor, studentIds: readonly string[], range: Dates) {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        inArray(attendance.studentId, [...studentIds]),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
      ),
    )
    .orderBy(asc(attendance.date));
}

export function submissionsOfStudents(db: Executor, studentIds: readonly string[], schoolYear: number) {
  return db
    .select({ studentId: homeworkSubmissions.studentId, lessonId: homeworkSubmissions.lessonId })
    .from(homeworkSubmissions)
    .where(
      and(eq(homeworkSubmissions.schoolYear, schoolYear), inArray(homeworkSubmissions.studentId, [...studentIds])),
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

/**
 * Mandatory homework due before today and not handed in (rule 11), for each (student, class) pair: the lessons
 * of each student's classes, one statement for every student of a request.
 */
export async function overdueHomework(
  db: Executor,
  pairs: readonly { studentId: string; classId: string }[],
  schoolYear: number,
  today: string,
) {
  const array = (values: readonly string[]) => `{${values.join(',')}}`;
  const rows = await db
    .select({ studentId: sql<string>`k.student_id`.as('student_id'), lesson: lessons })
    .from(
      sql`unnest(${array(pairs.map((p) => p.studentId))}::uuid[], ${array(pairs.map((p) => p.classId))}::uuid[])
        as k(student_id, class_id)`,
    )
    .innerJoin(lessons, sql`${qualified(lessons.classId)} = k.class_id`)
    .where(
      and(
        eq(lessons.schoolYear, schoolYear),
        eq(lessons.homeworkMandatory, true),
        lt(lessons.homeworkDueOn, today),
        sql`not exists (select 1 from learning.homework_submissions s where s.school_year = ${schoolYear}
          and s.lesson_id = ${qualified(lessons.id)} and s.student_id = k.student_id)`,
      ),
    )
    .orderBy(asc(lessons.homeworkDueOn));
  return rows;
}
