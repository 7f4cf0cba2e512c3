/**
 * The production calendar as data (`admissions.production_calendars`, seeded by migration
 * 0008_production_calendar_seed, loadable by an operator without a release — docs/architecture.md): the decree
 * of a year when it is loaded, else Labour Code art. 112 alone.
 */
import type { Executor } from '@region/db';
import {
  calendarYear,
  laborCodeNonWorkingDays,
  workingCalendar,
  type CalendarYear,
  type WorkingCalendar,
} from './calendar.ts';
import { productionCalendarRows } from './repository.ts';

export interface ProductionCalendar extends WorkingCalendar {
  /** Which source a year's working days come from, and the decree's name. */
  sourceOf(year: number): Pick<CalendarYear, 'source' | 'decree'>;
}

/** The years' calendars in one statement; a year without a row is art. 112's. */
export async function loadCalendarYears(db: Executor, years: readonly number[]): Promise<CalendarYear[]> {
  const rows = await productionCalendarRows(db, years);
  return years.map((year) => {
    const row = rows.find((r) => r.year === year);
    return calendarYear(
      year,
      row && { decree: row.decree, days: row.nonWorkingDays, workingWeekends: row.workingWeekends },
    );
  });
}

/** A working calendar over the given years; any other year it meets (a term crossing New Year) is art. 112's. */
export function productionCalendar(entries: readonly CalendarYear[]): ProductionCalendar {
  const calendar = workingCalendar(entries, laborCodeNonWorkingDays);
  return {
    get years() {
      return calendar.years;
    },
    isWorkingDay: calendar.isWorkingDay,
    addWorkingDays: calendar.addWorkingDays,
    workingDaysBetween: calendar.workingDaysBetween,
    sourceOf: (year) => {
      const entry = entries.find((e) => e.year === year);
      return entry ? { source: entry.source, decree: entry.decree } : { source: 'LABOUR_CODE_ART_112', decree: null };
    },
  };
}

/**
 * Calendars cached per process for a short time: a term is computed without a query per date, and a decree an
 * operator loads is in force within `ttlMs` everywhere, without a restart.
 */
export function calendarCache(ttlMs = 60_000, clock: () => number = Date.now) {
  const cached = new Map<number, { entry: CalendarYear; until: number }>();
  return async (db: Executor, years: readonly number[]): Promise<ProductionCalendar> => {
    const now = clock();
    const missing = years.filter((year) => (cached.get(year)?.until ?? 0) <= now);
    if (missing.length > 0) {
      for (const entry of await loadCalendarYears(db, missing)) cached.set(entry.year, { entry, until: now + ttlMs });
    }
    return productionCalendar(years.map((year) => cached.get(year)!.entry));
  };
}

/** The process's cache: the admissions subgraph reads calendars through it. */
export const loadProductionCalendar = calendarCache();

/** The calendar for a campaign year: its own year and the next (a term may cross New Year). */
export function campaignCalendar(db: Executor, year: number): Promise<ProductionCalendar> {
  return loadProductionCalendar(db, [year, year + 1]);
}
