/**
 * The bell schedule of every organization that keeps a journal (issue 15 §2): the first shift is the demo's own
 * lesson times (`LESSON_STARTS`, 45 minutes — marks and events are stamped by them), the second from 14:00 with
 * 40-minute lessons. Every demo class studies in the first shift; the second is there for a school admin to see
 * and edit.
 */
import { LESSON_MINUTES, LESSON_STARTS } from './calendar.ts';
import { isJournalKept, type LearningContext } from './context.ts';

const plusMinutes = (time: string, minutes: number) => {
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  const total = hours * 60 + mins + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** The eighth lesson starts where `lessonStart` puts any lesson after the seventh. */
const FIRST_SHIFT = [...LESSON_STARTS, '15:05'].map((start) => [start, plusMinutes(start, LESSON_MINUTES)] as const);

const SECOND_SHIFT = [
  ['14:00', '14:40'],
  ['14:50', '15:30'],
  ['15:50', '16:30'],
  ['16:40', '17:20'],
  ['17:30', '18:10'],
  ['18:20', '19:00'],
] as const;

/** Both shifts' bells of one organization (the region generator's bulk schools take the same). */
export function bellTimes(): { shift: number; lessonNumber: number; startsAt: string; endsAt: string }[] {
  return (
    [
      [1, FIRST_SHIFT],
      [2, SECOND_SHIFT],
    ] as const
  ).flatMap(([shift, times]) =>
    times.map(([startsAt, endsAt], index) => ({ shift, lessonNumber: index + 1, startsAt, endsAt })),
  );
}

export function createBells(context: LearningContext): void {
  for (const organization of context.organizations) {
    if (!isJournalKept(organization)) continue;
    for (const bell of bellTimes())
      context.rows.bells.push({ id: context.ids.next(), organizationId: organization.id, ...bell });
  }
}
