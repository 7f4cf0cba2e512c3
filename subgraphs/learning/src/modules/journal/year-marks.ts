/**
 * Year and final marks (годовая и итоговая отметки, DOMAIN.md rule 10; issue 15 §2). They belong to neither a
 * lesson nor a period: one live mark of each kind per student and subject in the school year, dated the last
 * day of the last study period. The rules:
 * - who: the same writers as a period mark (period-access.ts) — the subject's teacher of the class by
 *   assignment, or an admin of the organization; once the school year is closed, only the admin;
 * - when: from the last two weeks of the last study period (its last 14 days), or as soon as that period is
 *   closed — the weeks when schools set year marks; never earlier, when no period is finished;
 * - values: 2–5 or «н/а»; for a subject assessed «зачёт/незачёт» (`subjects.pass_fail`), PASS/FAIL or «н/а»;
 * - a final mark only once the year mark is there (итоговая follows the годовая);
 * - the student must be in the class on the period's last day (or today, while it runs);
 * - every set, correction and deletion goes to the mark's history, in one transaction (apply-mark.ts).
 */
import { badInput, forbidden, notFound } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { addDays } from '../../calendar.ts';
import { assertMembers, assertWriter } from './lesson-access.ts';
import { applyMark, type MarkTarget } from './apply-mark.ts';
import { classForSubjectWriter, liveMarkAt, lockPeriodsOfYear, subjectIsPassFail } from './repository.ts';
import { actorOf, type MarkKind, type MarkValue } from './service.ts';

export type YearMarkKind = Extract<MarkKind, 'YEAR' | 'FINAL'>;

export interface YearMarkInput {
  classId: string;
  subjectId: string;
  studentId: string;
  kind: YearMarkKind;
  value: MarkValue;
  comment?: string | null;
}

/** How many days before the end of the last period a year mark may be set (its last two weeks). */
export const YEAR_MARK_WINDOW_DAYS = 14;

const REFUSAL = 'Годовую и итоговую отметки ставит учитель этого предмета в классе или администрация школы.';
export const CLOSED_YEAR = 'Учебный год закрыт: годовые и итоговые отметки исправляет администрация школы.';

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** The values a year or final mark takes in a subject (DOMAIN.md rule 10: 2–5 or pass/fail; «н/а» for both). */
export function assertYearValue(value: MarkValue, passFail: boolean): void {
  const allowed: readonly MarkValue[] = passFail ? ['PASS', 'FAIL', 'NA'] : ['2', '3', '4', '5', 'NA'];
  if (!allowed.includes(value)) {
    throw badInput(
      passFail
        ? 'Предмет оценивается «зачёт/незачёт»: отметка — зачёт, незачёт или «н/а».'
        : 'Отметка по предмету — от 2 до 5 или «н/а»; зачёт/незачёт — только для предметов без балльной оценки.',
      'value',
    );
  }
}

/**
 * Checks the principal, the subject and the time of the year, locking the year's periods. Returns where the
 * mark goes and the day the student must be in the class.
 */
async function yearForWrite(
  tx: Executor,
  policy: LearningPolicy,
  place: { classId: string; subjectId: string },
  today: string,
): Promise<{ target: MarkTarget; memberOn: string }> {
  const row = await classForSubjectWriter(tx, policy, place.classId, place.subjectId);
  if (!row) throw notFound('Класс');
  assertWriter(policy, { ...row, periodClosed: false }, REFUSAL);
  if (!row.taught) throw badInput('Этот предмет в классе не преподаётся.', 'subjectId');
  const periods = await lockPeriodsOfYear(tx, row);
  const last = periods.at(-1);
  if (!last) throw badInput('В учебном году класса нет учебных периодов.', 'classId');
  if (last.yearStatus === 'CLOSED' && !row.isAdmin) throw forbidden(CLOSED_YEAR);
  const opensOn = addDays(last.period.endsOn, 1 - YEAR_MARK_WINDOW_DAYS);
  if (last.period.closedAt === null && today < opensOn) {
    throw badInput(
      `Годовая и итоговая отметки ставятся с ${ruDate(opensOn)} (последние две недели учебного года) или после закрытия последнего периода.`,
      'kind',
    );
  }
  const endsOn = last.period.endsOn;
  return {
    memberOn: endsOn < today ? endsOn : today,
    target: {
      schoolYear: row.schoolYear,
      organizationId: row.organizationId,
      classId: place.classId,
      subjectId: place.subjectId,
      date: endsOn,
      lessonId: null,
      periodId: null,
    },
  };
}

export async function setYearMark(
  db: Database,
  policy: LearningPolicy,
  input: YearMarkInput,
  now: Date,
  today: string,
) {
  if (input.kind !== 'YEAR' && input.kind !== 'FINAL') {
    throw badInput('Вид отметки — годовая (YEAR) или итоговая (FINAL).', 'kind');
  }
  if (input.comment && input.comment.length > 500) throw badInput('Комментарий — не длиннее 500 символов.', 'comment');
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const { target, memberOn } = await yearForWrite(tx, policy, input, today);
    assertYearValue(input.value, await subjectIsPassFail(tx, input.subjectId));
    await assertMembers(tx, { classId: input.classId, date: memberOn }, [input.studentId], 'На конец учебного года');
    if (input.kind === 'FINAL' && !(await liveMarkAt(tx, target, input.studentId, 'YEAR'))) {
      throw badInput('Итоговая отметка ставится после годовой: сначала поставьте годовую.', 'kind');
    }
    const mark = { studentId: input.studentId, kind: input.kind, value: input.value, comment: input.comment };
    return (await applyMark(tx, target, mark, actor, now))!;
  });
}

/** Deletes a live year or final mark (deleteMark); a year mark under a live final mark stays. */
export async function deleteYearMark(
  tx: Executor,
  policy: LearningPolicy,
  mark: { classId: string; subjectId: string; studentId: string; kind: YearMarkKind },
  actor: string,
  now: Date,
  today: string,
) {
  const { target } = await yearForWrite(tx, policy, mark, today);
  if (mark.kind === 'YEAR' && (await liveMarkAt(tx, target, mark.studentId, 'FINAL'))) {
    throw badInput('Сначала удалите итоговую отметку: она выставлена по годовой.', 'id');
  }
  return (await applyMark(tx, target, { studentId: mark.studentId, kind: mark.kind, value: null }, actor, now))!;
}
