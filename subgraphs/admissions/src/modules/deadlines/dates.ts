import { isoWeekday } from '@region/kit';

/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so that no time zone can move a day (arithmetic is the
 * kit's region-time module; the region's "today" comes from it too).
 * Valid dates of this form compare correctly as plain strings (`'2026-06-29' < '2026-06-30'`).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

function toUtcMs(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over to 2 March and maps years 0–99 to 19xx: the round trip catches both.
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : null;
}

export function isIsoDate(date: string): boolean {
  return toUtcMs(date) !== null;
}

/** Throws (with a message a person can read) unless `date` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(date: string): string {
  if (toUtcMs(date) === null) throw new RangeError(`Неверная дата «${date}»: нужна дата в виде ГГГГ-ММ-ДД.`);
  return date;
}

export { addDays } from '@region/kit';

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return isoWeekday(assertIsoDate(date)) % 7;
}

export function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function yearOf(date: string): number {
  return Number(assertIsoDate(date).slice(0, 4));
}

/** `2026-06-30` → «30 июня 2026 г.», the way dates are written in Russian official letters. */
export function formatRuDate(date: string): string {
  const [year, month, day] = assertIsoDate(date).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS_GENITIVE[month - 1]} ${year} г.`;
}
