/**
 * Who may write a class's journal (issue: teacher's journal; DOMAIN.md rule 10): the teacher of the class
 * and subject, the teacher substituting that lesson, or an admin of the organization — and once the study
 * period is closed, only an admin. Lesson marks and period marks (period-access.ts) share these rules.
 */
import { badInput, forbidden, notFound } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { classMembersOn, lockLessonForWriter, type LessonRow } from './repository.ts';

export type { LessonRow };

export const CLOSED_PERIOD = 'Учебный период закрыт: исправления вносит администрация школы.';

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
  const row = await lockLessonForWriter(tx, policy, lessonId);
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
  const found = await classMembersOn(tx, at, unique);
  const strangers = unique.filter((id) => !found.has(id));
  if (strangers.length) {
    throw badInput(`${day} в классе не числится обучающийся: ${strangers.join(', ')}.`, 'studentId');
  }
}
