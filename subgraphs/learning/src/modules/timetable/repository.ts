/**
 * Reads and writes of the bell schedule and of guardians' advance absence notices (issue 15 §2). Every read is
 * one statement bounded by organization, class or student and dates; row scope is applied in the statement.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gt, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { bells, classes, classMembers, absenceNotices, attendance, schoolYears } = learningTables;

export type BellRow = typeof bells.$inferSelect;
export type AbsenceNoticeRow = typeof absenceNotices.$inferSelect;

export function bellsOfOrganizations(db: Executor, organizationIds: readonly string[]) {
  return db
    .select()
    .from(bells)
    .where(inArray(bells.organizationId, [...organizationIds]))
    .orderBy(asc(bells.shift), asc(bells.lessonNumber));
}

/**
 * The bells each class's lessons follow: its organization's bells of its shift. Class and shift are not
 * personal data and a lesson the principal reads is already in scope, so this read is not narrowed further.
 */
export function bellsOfClasses(db: Executor, classIds: readonly string[]) {
  return db
    .select({
      classId: classes.id,
      lessonNumber: bells.lessonNumber,
      startsAt: bells.startsAt,
      endsAt: bells.endsAt,
    })
    .from(classes)
    .innerJoin(bells, and(eq(bells.organizationId, classes.organizationId), eq(bells.shift, classes.shift)))
    .where(inArray(classes.id, [...classIds]));
}

/** Replaces one shift's bells of an organization (inside the caller's transaction). */
export async function replaceShiftBells(
  tx: Executor,
  organizationId: string,
  shift: number,
  rows: readonly { lessonNumber: number; startsAt: string; endsAt: string }[],
  actor: string,
) {
  await tx.delete(bells).where(and(eq(bells.organizationId, organizationId), eq(bells.shift, shift)));
  if (rows.length === 0) return;
  await tx.insert(bells).values(rows.map((row) => ({ ...row, organizationId, shift, updatedBy: actor })));
}

/** The shift of classes the principal's organization-wide grant covers (inside the caller's transaction). */
export function setShiftOfClass(tx: Executor, classId: string, shift: number) {
  return tx
    .update(classes)
    .set({ shift })
    .where(eq(classes.id, classId))
    .returning()
    .then((rows) => rows[0] ?? null);
}

export function classById(db: Executor, classId: string) {
  return db
    .select()
    .from(classes)
    .where(eq(classes.id, classId))
    .then((rows) => rows[0] ?? null);
}

/**
 * The learner's class on a date (joined on or before, not left before) with its school year's dates: a notice
 * belongs to the class, and its dates must fall within that school year.
 */
export function membershipOn(db: Executor, studentId: string, on: string, schoolYear: number) {
  return db
    .select({
      classId: classes.id,
      organizationId: classes.organizationId,
      schoolYear: classes.schoolYear,
      yearStartsOn: schoolYears.startsOn,
      yearEndsOn: schoolYears.endsOn,
    })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .leftJoin(
      schoolYears,
      and(eq(schoolYears.organizationId, classes.organizationId), eq(schoolYears.year, classes.schoolYear)),
    )
    .where(
      and(
        eq(classMembers.personId, studentId),
        eq(classes.schoolYear, schoolYear),
        lte(classMembers.joinedOn, on),
        or(isNull(classMembers.leftOn), gt(classMembers.leftOn, on)) as SQL,
      ),
    )
    .orderBy(asc(classMembers.joinedOn))
    .then((rows) => rows.at(-1) ?? null);
}

export function insertNotice(tx: Executor, row: typeof absenceNotices.$inferInsert) {
  return tx
    .insert(absenceNotices)
    .values(row)
    .returning()
    .then((rows) => rows[0]!);
}

export function noticeById(db: Executor, id: string) {
  return db
    .select()
    .from(absenceNotices)
    .where(eq(absenceNotices.id, id))
    .then((rows) => rows[0] ?? null);
}

export function withdrawNotice(tx: Executor, id: string, now: Date) {
  return tx
    .update(absenceNotices)
    .set({ withdrawnAt: now })
    .where(and(eq(absenceNotices.id, id), isNull(absenceNotices.withdrawnAt)))
    .returning()
    .then((rows) => rows[0] ?? null);
}

const readableNotice = (policy: LearningPolicy) =>
  policy.studentsWith(qualified(absenceNotices.studentId), qualified(absenceNotices.classId));

/** Live notices overlapping the dates, of learners the principal may read (the journal's row scope). */
export function noticesOfClasses(
  db: Executor,
  policy: LearningPolicy,
  classIds: readonly string[],
  from: string,
  to: string,
) {
  return db
    .select()
    .from(absenceNotices)
    .where(
      and(
        inArray(absenceNotices.classId, [...classIds]),
        lte(absenceNotices.startsOn, to),
        gte(absenceNotices.endsOn, from),
        isNull(absenceNotices.withdrawnAt),
        readableNotice(policy),
      ),
    )
    .orderBy(asc(absenceNotices.startsOn));
}

/** A learner's notices (withdrawn ones too, marked) from a date on, under the same row scope. */
export function noticesOfStudents(db: Executor, policy: LearningPolicy, studentIds: readonly string[], from: string) {
  return db
    .select()
    .from(absenceNotices)
    .where(
      and(inArray(absenceNotices.studentId, [...studentIds]), gte(absenceNotices.endsOn, from), readableNotice(policy)),
    )
    .orderBy(asc(absenceNotices.startsOn));
}

/** Absences and lateness of a class's learners over the dates, those the principal may read. */
export function attendanceOfClass(
  db: Executor,
  policy: LearningPolicy,
  classId: string,
  range: { schoolYear: number; from: string; to: string },
) {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        eq(attendance.classId, classId),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
        policy.studentsWith(qualified(attendance.studentId), qualified(attendance.classId)),
      ),
    )
    .orderBy(asc(attendance.date));
}
