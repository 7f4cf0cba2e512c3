/**
 * The rules of the bell schedule and of an advance absence notice as pure functions (issue 15 §2): what a
 * school admin or a guardian may enter, each refusal `BAD_USER_INPUT` naming the field, in Russian.
 */
import { badInput } from '@region/kit';
import { addDays, daysBetween } from '../../calendar.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const SHIFTS = [1, 2] as const;
export const MAX_LESSON_NUMBER = 12;
/** A longer absence is not a parent's notice but a statement to the school (family education, a sanatorium). */
export const MAX_NOTICE_DAYS = 14;
export const MAX_REASON_LENGTH = 500;

export interface BellInput {
  lessonNumber: number;
  startsAt: string;
  endsAt: string;
}

export function checkShift(shift: number): void {
  if (!(SHIFTS as readonly number[]).includes(shift)) throw badInput('Смена — первая или вторая.', 'shift');
}

/** One shift's bells: numbers 1–12 once each, HH:MM times, each lesson ending after it starts and before the next. */
export function checkBells(bells: readonly BellInput[]): BellInput[] {
  const sorted = [...bells].sort((a, b) => a.lessonNumber - b.lessonNumber);
  sorted.forEach((bell, index) => {
    const field = `bells.${index}`;
    if (!Number.isInteger(bell.lessonNumber) || bell.lessonNumber < 1 || bell.lessonNumber > MAX_LESSON_NUMBER)
      throw badInput(`Номер урока — от 1 до ${MAX_LESSON_NUMBER}.`, `${field}.lessonNumber`);
    if (index > 0 && sorted[index - 1]!.lessonNumber === bell.lessonNumber)
      throw badInput(`Урок ${bell.lessonNumber} указан дважды.`, `${field}.lessonNumber`);
    if (!TIME.test(bell.startsAt))
      throw badInput(`Начало урока ${bell.lessonNumber}: время в виде ЧЧ:ММ, например 08:30.`, `${field}.startsAt`);
    if (!TIME.test(bell.endsAt))
      throw badInput(`Конец урока ${bell.lessonNumber}: время в виде ЧЧ:ММ, например 09:15.`, `${field}.endsAt`);
    if (bell.endsAt <= bell.startsAt)
      throw badInput(`Урок ${bell.lessonNumber} должен заканчиваться позже, чем начинается.`, `${field}.endsAt`);
    const previous = sorted[index - 1];
    if (previous && bell.startsAt < previous.endsAt)
      throw badInput(
        `Урок ${bell.lessonNumber} начинается раньше, чем заканчивается урок ${previous.lessonNumber}.`,
        `${field}.startsAt`,
      );
  });
  return sorted;
}

export interface NoticeDates {
  from: string;
  to: string;
  reason: string;
}

/**
 * The dates of a notice as the guardian gave them, before the school year is known: not before today (the
 * region's date — a notice tells the school in advance; a past absence is explained to the class teacher),
 * ending on or after its start, at most `MAX_NOTICE_DAYS` days, with a reason.
 */
export function checkNotice(input: NoticeDates, today: string): NoticeDates {
  const reason = input.reason.trim();
  if (input.from < today) throw badInput('Предупредить о пропуске можно с сегодняшнего дня, не задним числом.', 'from');
  if (input.to < input.from) throw badInput('Последний день пропуска раньше первого.', 'to');
  if (daysBetween(input.from, input.to) + 1 > MAX_NOTICE_DAYS)
    throw badInput(
      `Не больше ${MAX_NOTICE_DAYS} дней подряд; о более долгом отсутствии напишите заявление в школу.`,
      'to',
    );
  if (!reason) throw badInput('Укажите причину пропуска.', 'reason');
  if (reason.length > MAX_REASON_LENGTH)
    throw badInput(`Причина — не длиннее ${MAX_REASON_LENGTH} символов.`, 'reason');
  return { from: input.from, to: input.to, reason };
}

/** The notice lies within the learner's school year (the organization's year, or 1 September – 31 August). */
export function checkWithinYear(
  input: { to: string },
  year: { schoolYear: number; yearStartsOn: string | null; yearEndsOn: string | null },
): void {
  const endsOn = year.yearEndsOn ?? addDays(`${year.schoolYear + 1}-09-01`, -1);
  if (input.to > endsOn)
    throw badInput(`Даты должны быть в пределах учебного года (до ${endsOn.split('-').reverse().join('.')}).`, 'to');
}
