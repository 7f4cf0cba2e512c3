/** Calendar dates as the `date` columns hold them: 'YYYY-MM-DD' strings, UTC arithmetic only. */
import type { Random } from './random.ts';

/**
 * The demo's region, Челябинская область, is UTC+5 all year (Asia/Yekaterinburg, no daylight saving): the demo
 * is fixed data, so it fixes the offset here, once. The running platform takes its zone from
 * `REGION_TIME_ZONE` through the kit's region-time module (the db package cannot import the kit).
 */
export const DEMO_UTC_OFFSET_HOURS = 5;
export const DEMO_UTC_OFFSET = `+${String(DEMO_UTC_OFFSET_HOURS).padStart(2, '0')}:00`;

const DAY_MS = 86_400_000;

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** A date in [from, to], both inclusive. */
export function randomDate(rng: Random, from: string, to: string): string {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
  return addDays(from, rng.int(0, Math.max(0, days)));
}

/** A moment on `date` during working hours, for timestamp columns. */
export function randomMoment(rng: Random, from: string, to: string): Date {
  const day = randomDate(rng, from, to);
  return new Date(Date.parse(day) + (rng.int(8 * 60, 18 * 60) * 60 + rng.int(0, 59)) * 1000);
}

/** Full years on `on`. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** '2026-09-01' → '01.09.2026', as orders print dates. */
export function ruDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}
