/**
 * Period marks (итоговые за четверть/полугодие): set or corrected one at a time by the subject's teacher
 * or the school's admin, in one transaction on the locked period, every change in the mark's history like
 * a lesson mark (DOMAIN.md rules 6 and 10). Deleting one goes through `deleteMark` (service.ts).
 */
import { badInput } from '@region/kit';
import type { Database } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { assertMembers } from './lesson-access.ts';
import { periodForWrite, type PeriodMarkPlace } from './period-access.ts';
import { applyMark } from './apply-mark.ts';
import { actorOf, type MarkValue } from './service.ts';

export interface PeriodMarkInput extends PeriodMarkPlace {
  studentId: string;
  value: MarkValue;
  comment?: string | null;
}

export async function setPeriodMark(
  db: Database,
  policy: LearningPolicy,
  input: PeriodMarkInput,
  now: Date,
  today: string,
) {
  if (input.comment && input.comment.length > 500) throw badInput('Комментарий — не длиннее 500 символов.', 'comment');
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const { target, memberOn } = await periodForWrite(tx, policy, input, today);
    await assertMembers(tx, { classId: input.classId, date: memberOn }, [input.studentId], 'На конец периода');
    const mark = { studentId: input.studentId, kind: 'PERIOD' as const, value: input.value, comment: input.comment };
    return (await applyMark(tx, target, mark, actor, now))!;
  });
}
