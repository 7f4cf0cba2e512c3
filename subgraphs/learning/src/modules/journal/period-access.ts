/**
 * Who may set a period mark (итоговая отметка за четверть/полугодие, DOMAIN.md rule 10): the same writers
 * as a lesson's journal (lesson-access.ts) — the subject's teacher of the class by assignment, or an admin
 * of the organization; a closed period only the admin. There is no lesson, so no substitute. The period
 * must be one of the class's organization and school year, and already begun.
 */
import { badInput, notFound } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { assertWriter } from './lesson-access.ts';
import type { MarkTarget } from './apply-mark.ts';
import { classForSubjectWriter, lockPeriodOf, type PeriodRow } from './repository.ts';

export interface PeriodMarkPlace {
  classId: string;
  subjectId: string;
  periodId: string;
}

export type { PeriodRow };

/**
 * Checks the principal against the class and subject, then loads and locks the period (so that it is not
 * closed meanwhile). Returns where the mark goes and the day a student must be in the class: the period's
 * last day, or today while the period runs.
 */
export async function periodForWrite(
  tx: Executor,
  policy: LearningPolicy,
  place: PeriodMarkPlace,
  today: string,
): Promise<{ target: MarkTarget; period: PeriodRow; memberOn: string }> {
  const row = await classForSubjectWriter(tx, policy, place.classId, place.subjectId);
  if (!row) throw notFound('Класс');
  const refusal = 'Отметку за период ставит учитель этого предмета в классе или администрация школы.';
  assertWriter(policy, { ...row, periodClosed: false }, refusal);
  if (!row.taught) throw badInput('Этот предмет в классе не преподаётся.', 'subjectId');
  const period = await lockPeriodOf(tx, {
    periodId: place.periodId,
    organizationId: row.organizationId,
    schoolYear: row.schoolYear,
  });
  if (!period) throw badInput('Такого учебного периода нет в учебном году класса.', 'periodId');
  assertWriter(policy, { ...row, periodClosed: period.closedAt !== null }, refusal);
  if (period.startsOn > today) {
    throw badInput('Период ещё не начался: отметка за него ставится в течение периода или после.', 'periodId');
  }
  return {
    period,
    memberOn: period.endsOn < today ? period.endsOn : today,
    target: {
      schoolYear: row.schoolYear,
      organizationId: row.organizationId,
      classId: place.classId,
      subjectId: place.subjectId,
      date: period.endsOn,
      lessonId: null,
      periodId: period.id,
    },
  };
}
