/**
 * The bell schedule of every organization that keeps a journal (issue 15 §2): 40-minute lessons from 8:30 in
 * the first shift, from 14:00 in the second, with the usual 10- and 20-minute breaks. Every demo class studies
 * in the first shift; the second is there for a school admin to see and edit.
 */
import { isJournalKept, type LearningContext } from './context.ts';

const FIRST_SHIFT = [
  ['08:30', '09:10'],
  ['09:20', '10:00'],
  ['10:20', '11:00'],
  ['11:20', '12:00'],
  ['12:10', '12:50'],
  ['13:00', '13:40'],
  ['13:50', '14:30'],
  ['14:40', '15:20'],
] as const;

const SECOND_SHIFT = [
  ['14:00', '14:40'],
  ['14:50', '15:30'],
  ['15:50', '16:30'],
  ['16:40', '17:20'],
  ['17:30', '18:10'],
  ['18:20', '19:00'],
] as const;

export function createBells(context: LearningContext): void {
  for (const organization of context.organizations) {
    if (!isJournalKept(organization)) continue;
    for (const [shift, times] of [
      [1, FIRST_SHIFT],
      [2, SECOND_SHIFT],
    ] as const)
      times.forEach(([startsAt, endsAt], index) =>
        context.rows.bells.push({
          id: context.ids.next(),
          organizationId: organization.id,
          shift,
          lessonNumber: index + 1,
          startsAt,
          endsAt,
        }),
      );
  }
}
