/**
 * Dates and moments of the admissions demo. The region lives at `DEMO_UTC_OFFSET_HOURS` (UTC+5, no daylight
 * saving): the campaign statistics take the local date of a timestamp, so every moment here is built from a
 * local date and time. Working days: weekends and the holidays of Labour Code art. 112, plus the transfers
 * of the 2026 decree — the campaign year, where the 3 working days of the enrolment order are counted.
 */
import { addDays, DEMO_UTC_OFFSET_HOURS } from '../calendar.ts';
import type { Random } from '../random.ts';

const OFFSET_MS = DEMO_UTC_OFFSET_HOURS * 3_600_000;
const ART_112 = new Set(['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08']);
const ART_112_MORE = new Set(['05-01', '05-09', '06-12', '11-04']);
const TRANSFERRED = new Set(['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31']);

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(Date.parse(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  return !ART_112.has(monthDay) && !ART_112_MORE.has(monthDay) && !TRANSFERRED.has(date);
}

/** The n-th working day after `date` (n ≥ 1), or `date` itself moved to a working day for n = 0. */
export function addWorkingDays(date: string, n: number): string {
  let day = date;
  if (n === 0) {
    while (!isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** The last working day on or before `date`. */
export function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** A moment at `minutes` after local midnight of `date`, plus `seconds`. */
export function localMoment(date: string, minutes: number, seconds = 0): Date {
  return new Date(Date.parse(date) - OFFSET_MS + (minutes * 60 + seconds) * 1000);
}

/** The local calendar date of a moment. */
export function localDate(moment: Date): string {
  return new Date(moment.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * The next moment of a history: on `date` between `fromMinute` and `toMinute` local time, and always after
 * `after` — on the same day a few minutes to an hour and a half later. Callers pass `date` no earlier than the
 * local date of `after`.
 */
export function momentAfter(
  rng: Random,
  date: string,
  after: Date | null,
  fromMinute = 9 * 60,
  toMinute = 17 * 60 + 30,
): Date {
  const moment = localMoment(date, rng.int(fromMinute, toMinute), rng.int(0, 59));
  if (!after || moment.getTime() > after.getTime()) return moment;
  return new Date(after.getTime() + rng.int(5, 90) * 60_000 + rng.int(0, 59) * 1000);
}

export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}
