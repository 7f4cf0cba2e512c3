/**
 * The region's time (DOMAIN.md, Times): every legal date — a reception window, an 18th birthday, "today" of
 * a journal — is a calendar date in the region's time zone, not in UTC. This module is the one place that
 * names the zone; everything else asks it for dates. `REGION_TIME_ZONE` (IANA name) configures it per
 * process; the default is Челябинская область's, UTC+5.
 *
 * Calendar arithmetic on `YYYY-MM-DD` strings (addDays, daysBetween, weekday) is zone-free: it runs on UTC
 * midnights only so that no zone can move a day.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

export const DEFAULT_REGION_TIME_ZONE = 'Asia/Yekaterinburg';

let zone = DEFAULT_REGION_TIME_ZONE;
let formatter = makeFormatter(zone);

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Sets the region's zone for this process (from its env, once at start). Throws on an unknown zone. */
export function configureRegionTimeZone(timeZone: string): void {
  formatter = makeFormatter(timeZone);
  zone = timeZone;
}

/** True when `timeZone` is an IANA zone this runtime knows (for validating the env). */
export function isTimeZone(timeZone: string): boolean {
  try {
    makeFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function regionTimeZone(): string {
  return zone;
}

/** `YYYY-MM-DD` of a moment in the region: 00:30 local on 1 April is 1 April, though UTC says 31 March. */
export function regionDate(moment: Date): string {
  return formatter.format(moment);
}

/** The region's date today by the given clock (the subgraph's `now`, so tests can stand at any moment). */
export function regionToday(now: () => Date = () => new Date()): string {
  return regionDate(now());
}

/**
 * The region's date of a timestamptz column, computed by PostgreSQL: `(col at time zone $zone)::date`. The zone
 * is a bound parameter, so the SQL never names it.
 */
export function sqlRegionDate(column: SQLWrapper): SQL<string> {
  return sql<string>`((${column}) at time zone ${zone}::text)::date`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utcMs(date: string): number {
  const match = ISO_DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to 2 March: the round trip refuses it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Неверная дата «${date}»: нужна дата в виде ГГГГ-ММ-ДД.`);
  }
  return ms;
}

/** The calendar date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(date: string): number {
  return ((new Date(utcMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** The school year a date belongs to, by its starting year: 1 September to 31 August. */
export function schoolYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

/** The school year the region is in at a moment: at 00:30 local on 1 September the new one has begun. */
export function regionSchoolYear(moment: Date): number {
  return schoolYearOf(regionDate(moment));
}

/**
 * Full years of a person born on `birthDate` on the date `on` (both `YYYY-MM-DD`). A birthday on 29 February
 * is reached on 1 March in a common year (Civil Code art. 190: the term ends on the last day of the month).
 */
export function ageOn(birthDate: string, on: string): number {
  utcMs(birthDate);
  utcMs(on);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Age in the region at a moment: the 18th birthday begins at 00:00 local (05:00 UTC in Челябинск), not UTC. */
export function regionAge(birthDate: string, moment: Date): number {
  return ageOn(birthDate, regionDate(moment));
}
