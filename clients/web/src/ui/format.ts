/** Dates, names and numbers the way a Russian school system writes them. */

/**
 * Moments are shown in the region's own time, so a parent reads «18:30» for a meeting at 18:30 wherever the
 * browser is. The zone is the server's (`/config.json`, set once at start by `setRegionTimeZone`); until it is
 * known, or if it cannot be, the browser's own zone is used.
 */
let regionTimeZone: string | undefined;
const regionFormatters = new Map<string, Intl.DateTimeFormat>();

/** Takes the server's zone; an unknown one is ignored rather than breaking every date on the page. */
export function setRegionTimeZone(timeZone: string | undefined): void {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone });
  } catch {
    return;
  }
  regionTimeZone = timeZone;
  regionFormatters.clear();
}

/** A formatter of moments in the region's zone (built once per zone and options). */
export function regionFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let formatter = regionFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ru-RU', { ...options, timeZone: regionTimeZone });
    regionFormatters.set(key, formatter);
  }
  return formatter;
}
const DATE = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const WEEKDAY = new Intl.DateTimeFormat('ru-RU', { weekday: 'long', timeZone: 'UTC' });
const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const DECIMAL = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `2026-11-03` (a GraphQL Date) → `03.11.2026`. */
export function formatDate(date: string | null | undefined): string {
  return date ? DATE.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—';
}

/** `2026-11-03` → `3 ноября`. */
export function formatDayMonth(date: string): string {
  return DAY_MONTH.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/** `2026-11-03` → `вторник`. */
export function formatWeekday(date: string): string {
  return WEEKDAY.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/** A DateTime in the region's time: `03.11.2026, 14:05`. */
export function formatDateTime(moment: string | null | undefined): string {
  return moment ? regionFormat(DATE_TIME).format(new Date(moment)) : '—';
}

export function formatAverage(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : DECIMAL.format(value);
}

/** plural(5, ['урок', 'урока', 'уроков']) → `уроков`. */
export function plural(count: number, forms: readonly [string, string, string]): string {
  const tens = Math.abs(count) % 100;
  const units = tens % 10;
  if (tens > 10 && tens < 20) return forms[2];
  if (units === 1) return forms[0];
  if (units >= 2 && units <= 4) return forms[1];
  return forms[2];
}

/** Today in the region (YYYY-MM-DD), for a form's own checks; the server has the last word by its clock. */
export function regionToday(): string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: regionTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return format.format(new Date());
}

/** Full years on `on` of a person born on `birthDate` (both YYYY-MM-DD, region dates). */
export function fullYears(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** ISO date (YYYY-MM-DD) of a Date, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return isoDate(moment);
}

/** Monday of the week that holds `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}
