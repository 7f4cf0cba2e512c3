import { addDays, assertIsoDate, isWeekend, yearOf } from './dates.ts';

/**
 * Non-working days of one year of the Russian five-day week (Labour Code art. 112 and the Government decree
 * on transfers of days off for that year). Weekends are implied; only the exceptions are listed.
 */
export interface NonWorkingDays {
  year: number;
  /** YYYY-MM-DD: federal holidays and transferred days off (переносы). */
  days: string[];
  /** Saturdays (or Sundays) made working days by a transfer. */
  workingWeekends?: string[];
}

export interface WorkingCalendar {
  /** Years the calendar has data for (a fallback adds the years it was asked about). */
  readonly years: readonly number[];
  isWorkingDay(date: string): boolean;
  /** The n-th working day after `date`, not counting `date` itself; n = 0 returns `date` unchanged. */
  addWorkingDays(date: string, n: number): string;
  /**
   * Working days after `from` up to and including `to`, so that
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`; negative when `to` is earlier than `from`.
   */
  workingDaysBetween(from: string, to: string): number;
}

/**
 * Where a year's calendar comes from: the Government's decree on moving days off (Labour Code art. 112 part 5),
 * or — for a year whose decree is not loaded — art. 112 alone (its holidays, weekend holidays moved by part 2).
 */
export type CalendarSource = 'DECREE' | 'LABOUR_CODE_ART_112';

export interface CalendarYear extends NonWorkingDays {
  source: CalendarSource;
  /** The decree as cited, null for art. 112. */
  decree: string | null;
}

/** A year by its decree, or by art. 112 when `decree` is missing. */
export function calendarYear(
  year: number,
  decree?: { decree: string; days: string[]; workingWeekends: string[] } | null,
): CalendarYear {
  if (!decree) return { ...laborCodeNonWorkingDays(year), source: 'LABOUR_CODE_ART_112', decree: null };
  return { year, days: decree.days, workingWeekends: decree.workingWeekends, source: 'DECREE', decree: decree.decree };
}

/**
 * `fallback` supplies a year the data lacks (the production calendar passes art. 112); without it such a year is
 * refused rather than guessed.
 */
export function workingCalendar(
  data: readonly NonWorkingDays[],
  fallback?: (year: number) => NonWorkingDays,
): WorkingCalendar {
  const years = new Set<number>();
  const nonWorking = new Set<string>();
  const workingWeekends = new Set<string>();
  const add = (entry: NonWorkingDays) => {
    if (years.has(entry.year)) throw new RangeError(`Производственный календарь на ${entry.year} год задан дважды.`);
    years.add(entry.year);
    for (const day of entry.days) {
      if (yearOf(day) !== entry.year) throw new RangeError(`Дата ${day} не относится к ${entry.year} году.`);
      nonWorking.add(day);
    }
    for (const day of entry.workingWeekends ?? []) {
      if (yearOf(day) !== entry.year) throw new RangeError(`Дата ${day} не относится к ${entry.year} году.`);
      if (!isWeekend(day))
        throw new RangeError(`${day} — не суббота и не воскресенье, перенос рабочего дня невозможен.`);
      if (nonWorking.has(day)) throw new RangeError(`${day} указан и как нерабочий, и как рабочий день.`);
      workingWeekends.add(day);
    }
  };
  for (const entry of data) add(entry);

  const isWorkingDay = (date: string): boolean => {
    const year = yearOf(date);
    if (!years.has(year)) {
      if (!fallback) throw new RangeError(`Нет производственного календаря на ${year} год.`);
      add(fallback(year));
    }
    if (workingWeekends.has(date)) return true;
    return !isWeekend(date) && !nonWorking.has(date);
  };

  const addWorkingDays = (date: string, n: number): string => {
    assertIsoDate(date);
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Число рабочих дней должно быть целым и не меньше 0: ${n}.`);
    let day = date;
    // Terminates: every step either counts a working day or reaches a year without data, which throws
    // (without a fallback) or is filled in (with one).
    for (let left = n; left > 0;) {
      day = addDays(day, 1);
      if (isWorkingDay(day)) left -= 1;
    }
    return day;
  };

  const workingDaysBetween = (from: string, to: string): number => {
    assertIsoDate(from);
    assertIsoDate(to);
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
    return count;
  };

  return {
    get years() {
      return [...years].sort((a, b) => a - b);
    },
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
  };
}

/** Labour Code art. 112 part 1: 1–6 and 8 January (New Year holidays), 7 January (Christmas) and the rest. */
const ART_112_HOLIDAYS = [
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => `01-${day}`),
  ...['02-23', '03-08', '05-01', '05-09', '06-12', '11-04'],
];

/**
 * Non-working days of a year by Labour Code art. 112 alone, for a year whose transfer decree is not known:
 * the federal holidays, and (art. 112 part 2) for a holiday falling on a weekend the next working day after it
 * becomes a day off. January holidays on a weekend are not moved by this rule: art. 112 part 2 leaves them to the
 * Government's decree, so without the decree they are simply lost.
 */
export function laborCodeNonWorkingDays(year: number): NonWorkingDays {
  const holidays = ART_112_HOLIDAYS.map((monthDay) => `${year}-${monthDay}`);
  const off = new Set(holidays);
  for (const holiday of holidays) {
    if (holiday.slice(5, 7) === '01' || !isWeekend(holiday)) continue;
    let moved = addDays(holiday, 1);
    while (isWeekend(moved) || off.has(moved)) moved = addDays(moved, 1);
    off.add(moved);
  }
  return { year, days: [...off].sort() };
}
