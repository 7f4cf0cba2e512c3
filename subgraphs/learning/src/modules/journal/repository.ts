/**
 * Reads of the journal. Each is one statement bounded by school year, class (or student) and dates, served
 * by the partitioned tables' indexes; row scope is applied in the statement. The writes of `service.ts` are
 * at the end.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { lessons, marks, attendance, substitutions, studyPeriods, markHistory, classMembers, classes, schoolYears } =
  learningTables;

export type PeriodRow = typeof studyPeriods.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;

/**
 * Lessons by id, if the principal may read their class's journal (or is a student/guardian of it), or is
 * the teacher substituting that very lesson (who may write it, so reads it back).
 */
export function loadLessons(db: Executor, policy: LearningPolicy, ids: readonly string[]) {
  const me = policy.personId;
  const substitute = me
    ? sql`exists (select 1 from learning.substitutions s where s.school_year = ${qualified(lessons.schoolYear)}
        and s.lesson_id = ${qualified(lessons.id)} and s.substitute_teacher_id = ${me})`
    : sql`false`;
  return db
    .select()
    .from(lessons)
    .where(
      and(
        inArray(lessons.id, [...ids]),
        sql`(exists (select 1 from learning.classes where ${qualified(classes.id)} = ${qualified(lessons.classId)}
          and ${policy.classesWith('journal:read')}) or ${substitute})`,
      ),
    );
}

export interface Range {
  schoolYear: number;
  from: string;
  to: string;
}

export function gridLessons(db: Executor, classId: string, subjectId: string, range: Range) {
  return db
    .select()
    .from(lessons)
    .where(
      and(
        eq(lessons.schoolYear, range.schoolYear),
        eq(lessons.classId, classId),
        eq(lessons.subjectId, subjectId),
        gte(lessons.date, range.from),
        lte(lessons.date, range.to),
      ),
    )
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));
}

export function gridMarks(db: Executor, classId: string, subjectId: string, range: Range, withLesson: boolean) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, range.schoolYear),
        eq(marks.classId, classId),
        eq(marks.subjectId, subjectId),
        gte(marks.date, range.from),
        lte(marks.date, range.to),
        isNull(marks.deletedAt),
        withLesson ? isNotNull(marks.lessonId) : isNull(marks.lessonId),
      ),
    )
    .orderBy(asc(marks.date), asc(marks.setAt));
}

/** The live year and final marks of a class in a subject (no lesson, no period). */
export function gridYearMarks(db: Executor, classId: string, subjectId: string, schoolYear: number) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, schoolYear),
        eq(marks.classId, classId),
        eq(marks.subjectId, subjectId),
        isNull(marks.lessonId),
        isNull(marks.periodId),
        inArray(marks.kind, ['YEAR', 'FINAL']),
        isNull(marks.deletedAt),
      ),
    );
}

export function gridAttendance(db: Executor, classId: string, subjectId: string, range: Range) {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, range.schoolYear),
        eq(attendance.classId, classId),
        eq(attendance.subjectId, subjectId),
        gte(attendance.date, range.from),
        lte(attendance.date, range.to),
      ),
    );
}

/** Everyone who was in the class at any time of the range. */
export function membersDuring(db: Executor, classId: string, from: string, to: string) {
  return db
    .selectDistinct({ personId: classMembers.personId })
    .from(classMembers)
    .where(
      and(
        eq(classMembers.classId, classId),
        lte(classMembers.joinedOn, to),
        or(isNull(classMembers.leftOn), gt(classMembers.leftOn, from)) as SQL,
      ),
    );
}

/**
 * May the principal open this class's journal for this subject? Staff over the organization, the class
 * teacher, the subject's teacher, or a teacher who substituted one of its lessons in the range.
 */
export async function mayOpenGrid(
  db: Executor,
  policy: LearningPolicy,
  classId: string,
  subjectId: string,
  range: Range,
): Promise<{ read: boolean; write: boolean }> {
  const me = policy.personId;
  const CLASS_ID = qualified(classes.id);
  // The class teacher reads every subject of the class; writing is for the subject's teacher and a
  // substitute (per lesson, checked again in lesson-access.ts) — and the admin.
  const writes = me
    ? sql`(exists (select 1 from learning.assignments a where a.class_id = ${CLASS_ID} and a.subject_id = ${subjectId} and a.teacher_id = ${me})
        or exists (select 1 from learning.substitutions s join learning.lessons l on l.id = s.lesson_id and l.school_year = s.school_year
          where s.school_year = ${range.schoolYear} and s.substitute_teacher_id = ${me} and l.class_id = ${CLASS_ID}
            and l.subject_id = ${subjectId} and s.date between ${range.from} and ${range.to}))`
    : sql`false`;
  const leads = me ? sql`${qualified(classes.classTeacherId)} = ${me}` : sql`false`;
  // Assignments and leadership count within the organizations of the teacher's own grants (rule 5a).
  const teaching = policy.teachingOrganizations('journal:write');
  const teaches = teaching.length ? sql`${qualified(classes.organizationId)} in ${teaching}` : sql`false`;
  const [row] = await db
    .select({
      staff: sql<boolean>`${policy.organizationPredicate(qualified(classes.organizationId), 'journal:read')}`,
      admin: sql<boolean>`${policy.organizationPredicate(qualified(classes.organizationId), 'school-year:manage')}`,
      writes: sql<boolean>`${teaches} and ${writes}`,
      leads: sql<boolean>`${teaches} and ${leads}`,
    })
    .from(classes)
    .where(eq(classes.id, classId));
  if (!row) return { read: false, write: false };
  const teacher = policy.holds('journal:write');
  return {
    read: row.staff || (teacher && (row.writes || row.leads)),
    write: row.admin || (teacher && row.writes),
  };
}

export function periodsOfOrganization(db: Executor, organizationId: string, schoolYear: number) {
  return db
    .select({ period: studyPeriods })
    .from(studyPeriods)
    .innerJoin(learningTables.schoolYears, eq(learningTables.schoolYears.id, studyPeriods.schoolYearId))
    .where(and(eq(studyPeriods.organizationId, organizationId), eq(learningTables.schoolYears.year, schoolYear)))
    .orderBy(asc(studyPeriods.number))
    .then((rows) => rows.map((row) => row.period));
}

/** The study periods of the organizations' school year, in their order (the portfolios of a request). */
export function periodsOfOrganizations(db: Executor, organizationIds: readonly string[], schoolYear: number) {
  return db
    .select({ period: studyPeriods })
    .from(studyPeriods)
    .innerJoin(learningTables.schoolYears, eq(learningTables.schoolYears.id, studyPeriods.schoolYearId))
    .where(
      and(inArray(studyPeriods.organizationId, [...organizationIds]), eq(learningTables.schoolYears.year, schoolYear)),
    )
    .orderBy(asc(studyPeriods.organizationId), asc(studyPeriods.number))
    .then((rows) => rows.map((row) => row.period));
}

export function loadPeriods(db: Executor, ids: readonly string[]) {
  return db
    .select()
    .from(studyPeriods)
    .where(inArray(studyPeriods.id, [...ids]));
}

export function substitutionsOfLessons(db: Executor, lessonIds: readonly string[]) {
  return db
    .select()
    .from(substitutions)
    .where(inArray(substitutions.lessonId, [...lessonIds]));
}

export function marksOfLessons(db: Executor, policy: LearningPolicy, lessonIds: readonly string[]) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        inArray(marks.lessonId, [...lessonIds]),
        isNull(marks.deletedAt),
        policy.studentsWith(qualified(marks.studentId), qualified(marks.classId)),
      ),
    );
}

export function attendanceOfLessons(db: Executor, policy: LearningPolicy, lessonIds: readonly string[]) {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        inArray(attendance.lessonId, [...lessonIds]),
        policy.studentsWith(qualified(attendance.studentId), qualified(attendance.classId)),
      ),
    );
}

export function historyOfMarks(db: Executor, markIds: readonly string[]) {
  return db
    .select()
    .from(markHistory)
    .where(inArray(markHistory.markId, [...markIds]))
    .orderBy(asc(markHistory.changedAt), asc(markHistory.id));
}

export type SubstitutionRow = typeof substitutions.$inferSelect;
export type MarkChangeRow = typeof markHistory.$inferSelect;

/** The lesson's row in its school year's partition. */
type LessonKey = { schoolYear: number; id: string };

export async function updateLesson(tx: Executor, lesson: LessonKey, changes: Partial<typeof lessons.$inferInsert>) {
  await tx
    .update(lessons)
    .set(changes)
    .where(and(eq(lessons.schoolYear, lesson.schoolYear), eq(lessons.id, lesson.id)));
}

export async function deleteAttendance(tx: Executor, lesson: LessonKey, studentId: string): Promise<void> {
  await tx
    .delete(attendance)
    .where(
      and(
        eq(attendance.schoolYear, lesson.schoolYear),
        eq(attendance.lessonId, lesson.id),
        eq(attendance.studentId, studentId),
      ),
    );
}

/** The student's attendance mark for the lesson, set or replaced. */
export async function upsertAttendance(tx: Executor, values: typeof attendance.$inferInsert): Promise<AttendanceRow> {
  const [row] = await tx
    .insert(attendance)
    .values(values)
    .onConflictDoUpdate({
      target: [attendance.schoolYear, attendance.lessonId, attendance.studentId],
      set: { status: values.status, setBy: values.setBy, setAt: values.setAt },
    })
    .returning();
  return row!;
}

/** A mark that has not been deleted. */
export async function liveMark(tx: Executor, id: string) {
  const [mark] = await tx
    .select()
    .from(marks)
    .where(and(eq(marks.id, id), isNull(marks.deletedAt)));
  return mark;
}

// The journal's writes: who writes (issue: teacher's journal; DOMAIN.md rule 10), locks and mark rows.

export type LessonRow = typeof lessons.$inferSelect;
export type MarkRow = typeof marks.$inferSelect;

const LESSON = {
  id: qualified(lessons.id),
  classId: qualified(lessons.classId),
  subjectId: qualified(lessons.subjectId),
  organizationId: qualified(lessons.organizationId),
  date: qualified(lessons.date),
  schoolYear: qualified(lessons.schoolYear),
};

/**
 * The columns that decide a write: is the principal the subject's teacher of the class (by assignment, or
 * by `alsoTeacher`, e.g. a substitution), an admin of the organization.
 */
function writerColumns(
  policy: LearningPolicy,
  columns: { classId: SQL; subjectId: SQL; organizationId: SQL },
  alsoTeacher: SQL = sql`false`,
) {
  const me = policy.personId;
  // An assignment counts within the organizations of the teacher's own grants (rule 5a: one grant each).
  const teaching = policy.teachingOrganizations('journal:write');
  return {
    isTeacher: me
      ? sql<boolean>`((${teaching.length ? sql`${columns.organizationId} in ${teaching}` : sql`false`}
          and exists (select 1 from learning.assignments a where a.class_id = ${columns.classId}
          and a.subject_id = ${columns.subjectId} and a.teacher_id = ${me})) or ${alsoTeacher})`
      : sql<boolean>`false`,
    isAdmin: sql<boolean>`${policy.organizationPredicate(columns.organizationId, 'school-year:manage')}`,
  };
}

/**
 * The lesson, locked, with whether the principal writes it as its teacher (or substitute) or as an admin,
 * and whether its study period is closed.
 */
export async function lockLessonForWriter(tx: Executor, policy: LearningPolicy, lessonId: string) {
  const me = policy.personId;
  const substitute = me
    ? sql`exists (select 1 from learning.substitutions s where s.lesson_id = ${LESSON.id}
        and s.school_year = ${LESSON.schoolYear} and s.substitute_teacher_id = ${me})`
    : sql`false`;
  const [row] = await tx
    .select({
      lesson: lessons,
      ...writerColumns(policy, LESSON, substitute),
      periodClosed: sql<boolean>`exists (select 1 from learning.study_periods p
        where p.organization_id = ${LESSON.organizationId} and ${LESSON.date} between p.starts_on and p.ends_on
          and p.closed_at is not null)`,
    })
    .from(lessons)
    .where(eq(lessons.id, lessonId))
    .for('update');
  return row;
}

/** Of the students, those who were in the class on the date. */
export async function classMembersOn(
  tx: Executor,
  at: { classId: string; date: string },
  studentIds: readonly string[],
): Promise<Set<string>> {
  const members = await tx
    .select({ personId: classMembers.personId })
    .from(classMembers)
    .where(
      and(
        eq(classMembers.classId, at.classId),
        sql`${classMembers.personId} in ${studentIds}`,
        sql`${classMembers.joinedOn} <= ${at.date}`,
        sql`(${classMembers.leftOn} is null or ${classMembers.leftOn} > ${at.date})`,
      ),
    );
  return new Set(members.map((m) => m.personId));
}

/**
 * The class, with whether the principal writes the subject's journal there as its teacher or as an admin,
 * and whether the subject is taught in the class.
 */
export async function classForSubjectWriter(tx: Executor, policy: LearningPolicy, classId: string, subjectId: string) {
  const CLASS = {
    classId: qualified(classes.id),
    subjectId: sql`${subjectId}::uuid`,
    organizationId: qualified(classes.organizationId),
  };
  const [row] = await tx
    .select({
      organizationId: classes.organizationId,
      schoolYear: classes.schoolYear,
      ...writerColumns(policy, CLASS),
      taught: sql<boolean>`exists (select 1 from learning.assignments a where a.class_id = ${CLASS.classId}
        and a.subject_id = ${CLASS.subjectId})`,
    })
    .from(classes)
    .where(eq(classes.id, classId));
  return row;
}

/** The study period of the organization in the school year, locked (so that it is not closed meanwhile). */
export async function lockPeriodOf(
  tx: Executor,
  of: { periodId: string; organizationId: string; schoolYear: number },
): Promise<PeriodRow | undefined> {
  const [period] = await tx
    .select()
    .from(studyPeriods)
    .where(
      and(
        eq(studyPeriods.id, of.periodId),
        eq(studyPeriods.organizationId, of.organizationId),
        inArray(
          studyPeriods.schoolYearId,
          tx.select({ id: schoolYears.id }).from(schoolYears).where(eq(schoolYears.year, of.schoolYear)),
        ),
      ),
    )
    .for('update');
  return period;
}

/** Where a mark belongs: a lesson, or a study period and subject (lessonId null). */
export interface MarkPlace {
  schoolYear: number;
  subjectId: string;
  lessonId: string | null;
  periodId: string | null;
}

/** The student's live mark of the kind in the place (unique: one per lesson, or per period and subject). */
export async function liveMarkAt(
  tx: Executor,
  place: MarkPlace,
  studentId: string,
  kind: MarkRow['kind'],
): Promise<MarkRow | undefined> {
  const [current] = await tx
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, place.schoolYear),
        place.lessonId
          ? eq(marks.lessonId, place.lessonId)
          : and(
              isNull(marks.lessonId),
              // A year or final mark has no period: one per subject and student in the school year.
              place.periodId ? eq(marks.periodId, place.periodId) : isNull(marks.periodId),
              eq(marks.subjectId, place.subjectId),
            ),
        eq(marks.studentId, studentId),
        eq(marks.kind, kind),
        isNull(marks.deletedAt),
      ),
    );
  return current;
}

export async function insertMark(tx: Executor, values: typeof marks.$inferInsert): Promise<MarkRow> {
  const [created] = await tx.insert(marks).values(values).returning();
  return created!;
}

/** The mark's row in its school year's partition, changed. */
export async function updateMark(
  tx: Executor,
  mark: { schoolYear: number; id: string },
  set: Partial<typeof marks.$inferInsert>,
): Promise<MarkRow> {
  const [updated] = await tx
    .update(marks)
    .set(set)
    .where(and(eq(marks.schoolYear, mark.schoolYear), eq(marks.id, mark.id)))
    .returning();
  return updated!;
}

export async function insertMarkHistory(tx: Executor, values: typeof markHistory.$inferInsert): Promise<void> {
  await tx.insert(markHistory).values(values);
}

/**
 * Every study period of the organization's school year, in their order, with the school year's status — both
 * rows locked (a year mark is set against the last period and the year's status, neither to change meanwhile).
 */
export async function lockPeriodsOfYear(tx: Executor, of: { organizationId: string; schoolYear: number }) {
  return tx
    .select({ period: studyPeriods, yearStatus: schoolYears.status })
    .from(studyPeriods)
    .innerJoin(schoolYears, eq(schoolYears.id, studyPeriods.schoolYearId))
    .where(and(eq(studyPeriods.organizationId, of.organizationId), eq(schoolYears.year, of.schoolYear)))
    .orderBy(asc(studyPeriods.number))
    .for('update');
}

/** Is the subject assessed «зачёт/незачёт»? */
export async function subjectIsPassFail(tx: Executor, subjectId: string): Promise<boolean> {
  const [row] = await tx
    .select({ passFail: learningTables.subjects.passFail })
    .from(learningTables.subjects)
    .where(eq(learningTables.subjects.id, subjectId));
  return row?.passFail ?? false;
}
