/**
 * Who may write a class's journal (issue: teacher's journal; DOMAIN.md rule 10): the teacher of the class
 * and subject, the teacher substituting that lesson, or an admin of the organization — and once the study
 * period is closed, only an admin. Lesson marks and period marks (period-access.ts) share these rules.
 */
import { badInput, forbidden, notFound } from '@region/kit';
import { learningTables, qualified, type Executor } from '@region/db';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { lessons, classMembers } = learningTables;
const LESSON = {
  id: qualified(lessons.id),
  classId: qualified(lessons.classId),
  subjectId: qualified(lessons.subjectId),
  organizationId: qualified(lessons.organizationId),
  date: qualified(lessons.date),
  schoolYear: qualified(lessons.schoolYear),
};

export type LessonRow = typeof lessons.$inferSelect;

export const CLOSED_PERIOD = 'Учебный период закрыт: исправления вносит администрация школы.';

/**
 * The columns that decide a write: is the principal the subject's teacher of the class (by assignment, or
 * by `alsoTeacher`, e.g. a substitution), an admin of the organization.
 */
export function writerColumns(
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

/** Refuses unless the principal writes the journal as its teacher or admin, and a closed period to all but admins. */
export function assertWriter(
  policy: LearningPolicy,
  row: { isTeacher: boolean; isAdmin: boolean; periodClosed: boolean },
  refusal: string,
): void {
  if (!policy.holds('journal:write') || (!row.isTeacher && !row.isAdmin)) throw forbidden(refusal);
  if (row.periodClosed && !row.isAdmin) throw forbidden(CLOSED_PERIOD);
}

export interface WritableLesson {
  lesson: LessonRow;
  isAdmin: boolean;
  periodClosed: boolean;
}

/**
 * Loads and locks the lesson, and refuses unless the principal may write it now. Marks and attendance wait
 * for the lesson's day; its topic and homework may be planned ahead (the calendar-thematic plan).
 */
export async function lessonForWrite(
  tx: Executor,
  policy: LearningPolicy,
  lessonId: string,
  today: string,
  options: { marksOrAttendance: boolean } = { marksOrAttendance: true },
): Promise<WritableLesson> {
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
  if (!row) throw notFound('Урок');
  assertWriter(
    policy,
    row,
    'Вносить записи в журнал этого урока может только его учитель, заменяющий учитель или администрация.',
  );
  if (options.marksOrAttendance && row.lesson.date > today)
    throw badInput('Урок ещё не прошёл: отметки и посещаемость ставятся в день урока или позже.', 'lessonId');
  return { lesson: row.lesson, isAdmin: row.isAdmin, periodClosed: row.periodClosed };
}

/** Refuses students who were not in the class on the day (the lesson's, or the one a period mark counts on). */
export async function assertMembers(
  tx: Executor,
  at: { classId: string; date: string },
  studentIds: readonly string[],
  day = 'В день урока',
): Promise<void> {
  const unique = [...new Set(studentIds)];
  if (unique.length === 0) return;
  const members = await tx
    .select({ personId: classMembers.personId })
    .from(classMembers)
    .where(
      and(
        eq(classMembers.classId, at.classId),
        sql`${classMembers.personId} in ${unique}`,
        sql`${classMembers.joinedOn} <= ${at.date}`,
        sql`(${classMembers.leftOn} is null or ${classMembers.leftOn} > ${at.date})`,
      ),
    );
  const found = new Set(members.map((m) => m.personId));
  const strangers = unique.filter((id) => !found.has(id));
  if (strangers.length) {
    throw badInput(`${day} в классе не числится обучающийся: ${strangers.join(', ')}.`, 'studentId');
  }
}
