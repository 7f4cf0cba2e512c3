/**
 * Reads of the report card (табель) and the сводная ведомость (issue 15 §2). Each is one statement bounded by
 * school year and class (or student) — served by the partitioned tables' indexes — so a sheet costs the same
 * number of statements whatever the size of the class.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { marks, attendance, classes, assignments, subjects, studyPeriods, schoolYears } = learningTables;

/**
 * The class, with whether the principal may open its сводная ведомость: an admin of the organization
 * (завуч: `school-year:manage`), or the class teacher of this very class under her teaching grant there.
 */
export async function classForSummary(db: Executor, policy: LearningPolicy, classId: string) {
  const me = policy.personId;
  const teaching = policy.teachingOrganizations('journal:write');
  const leads =
    me && teaching.length
      ? sql<boolean>`(${qualified(classes.organizationId)} in ${teaching} and ${qualified(classes.classTeacherId)} = ${me})`
      : sql<boolean>`false`;
  const [row] = await db
    .select({
      class: classes,
      isAdmin: sql<boolean>`${policy.organizationPredicate(qualified(classes.organizationId), 'school-year:manage')}`,
      leads,
    })
    .from(classes)
    .where(eq(classes.id, classId));
  return row;
}

/** The study period, if it is one of the organization's in that school year. */
export async function periodOf(db: Executor, of: { periodId: string; organizationId: string; schoolYear: number }) {
  const [row] = await db
    .select({ period: studyPeriods })
    .from(studyPeriods)
    .innerJoin(schoolYears, eq(schoolYears.id, studyPeriods.schoolYearId))
    .where(
      and(
        eq(studyPeriods.id, of.periodId),
        eq(studyPeriods.organizationId, of.organizationId),
        eq(schoolYears.year, of.schoolYear),
      ),
    );
  return row?.period;
}

/** The subjects taught in the classes (by the teachers' assignments), by name. */
export function subjectsOfClasses(db: Executor, classIds: readonly string[]) {
  return db
    .selectDistinct({
      id: subjects.id,
      name: subjects.name,
      shortName: subjects.shortName,
      passFail: subjects.passFail,
    })
    .from(assignments)
    .innerJoin(subjects, eq(subjects.id, assignments.subjectId))
    .where(inArray(assignments.classId, [...classIds]))
    .orderBy(asc(subjects.name));
}

/** The live period marks of a class in a period. */
export function periodMarksOfClass(db: Executor, classId: string, schoolYear: number, periodId: string) {
  return db
    .select({ studentId: marks.studentId, subjectId: marks.subjectId, value: marks.value })
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, schoolYear),
        eq(marks.classId, classId),
        eq(marks.periodId, periodId),
        eq(marks.kind, 'PERIOD'),
        isNull(marks.lessonId),
        isNull(marks.deletedAt),
      ),
    );
}

/** Per student: lessons missed (absent, sick, excused) and, of them, for a good reason (sick or excused), and lateness. */
export interface AbsenceTotals {
  studentId: string;
  missed: number;
  excused: number;
  late: number;
}

const totals = {
  studentId: attendance.studentId,
  missed: sql<number>`(count(*) filter (where ${attendance.status} in ('ABSENT', 'SICK', 'EXCUSED')))::int`,
  excused: sql<number>`(count(*) filter (where ${attendance.status} in ('SICK', 'EXCUSED')))::int`,
  late: sql<number>`(count(*) filter (where ${attendance.status} = 'LATE'))::int`,
};

/** Attendance totals of a class's learners over dates (the lessons of this class only). */
export function absencesOfClass(
  db: Executor,
  classId: string,
  range: { schoolYear: number; from: string; to: string },
) {
  return db
    .select(totals)
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        eq(attendance.classId, classId),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
      ),
    )
    .groupBy(attendance.studentId);
}

/** A student's attendance totals over the school year, in every class. */
export async function absencesOfStudent(
  db: Executor,
  studentId: string,
  range: { schoolYear: number; from: string; to: string },
) {
  const [row] = await db
    .select(totals)
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        eq(attendance.studentId, studentId),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
      ),
    )
    .groupBy(attendance.studentId);
  return row ?? { studentId, missed: 0, excused: 0, late: 0 };
}

/** The student's live period, year and final marks of the school year. */
export function reportMarksOfStudent(db: Executor, studentId: string, schoolYear: number) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, schoolYear),
        eq(marks.studentId, studentId),
        isNull(marks.lessonId),
        inArray(marks.kind, ['PERIOD', 'YEAR', 'FINAL']),
        isNull(marks.deletedAt),
      ),
    );
}
