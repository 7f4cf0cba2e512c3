/**
 * The calendar of a school year by organization type: its study periods and holidays (каникулы and federal
 * non-working days), the days lessons are given on, and lesson times. Dates follow the 2026/27 calendar the
 * region recommends; another year gets the same days of the month.
 */
import { addDays, DEMO_UTC_OFFSET, isoDate } from '../calendar.ts';
import type { OrganizationKind } from '../types.ts';

export type PeriodKind = 'QUARTER' | 'HALF_YEAR';

export interface DateRange {
  startsOn: string;
  endsOn: string;
}

export interface YearCalendar extends DateRange {
  periodKind: PeriodKind;
  periods: (DateRange & { number: number; name: string })[];
  holidays: (DateRange & { name: string })[];
}

/** Start of each lesson by its number (1-based): 45 minutes with 10 and 20 minute breaks. */
export const LESSON_STARTS = ['08:30', '09:25', '10:20', '11:25', '12:20', '13:15', '14:10'] as const;
export const LESSON_MINUTES = 45;

export function yearCalendar(kind: OrganizationKind, year: number): YearCalendar {
  const d = (month: number, day: number) => isoDate(month >= 9 ? year : year + 1, month, day);
  const range = (from: string, to: string) => ({ startsOn: from, endsOn: to });
  const federal = [
    { name: 'День народного единства', ...range(d(11, 4), d(11, 4)) },
    { name: 'День защитника Отечества', ...range(d(2, 23), d(2, 23)) },
    { name: 'Международный женский день', ...range(d(3, 8), d(3, 8)) },
    { name: 'Праздник Весны и Труда', ...range(d(5, 1), d(5, 3)) },
    { name: 'День Победы', ...range(d(5, 9), d(5, 10)) },
  ];
  const winter = { name: 'Зимние каникулы', ...range(d(12, 29), d(1, 11)) };
  const halves = (secondEnds: string) => [
    { number: 1, name: '1 полугодие', ...range(d(9, 1), d(12, 28)) },
    { number: 2, name: '2 полугодие', ...range(d(1, 12), secondEnds) },
  ];
  switch (kind) {
    case 'school':
      return {
        ...range(d(9, 1), d(5, 31)),
        periodKind: 'QUARTER',
        periods: [
          { number: 1, name: '1 четверть', ...range(d(9, 1), d(10, 24)) },
          { number: 2, name: '2 четверть', ...range(d(11, 5), d(12, 28)) },
          { number: 3, name: '3 четверть', ...range(d(1, 12), d(3, 20)) },
          { number: 4, name: '4 четверть', ...range(d(3, 30), d(5, 31)) },
        ],
        holidays: [
          { name: 'Осенние каникулы', ...range(d(10, 25), d(11, 4)) },
          winter,
          { name: 'Весенние каникулы', ...range(d(3, 21), d(3, 29)) },
          ...federal,
        ],
      };
    case 'college':
      return {
        ...range(d(9, 1), d(6, 30)),
        periodKind: 'HALF_YEAR',
        periods: halves(d(6, 30)),
        holidays: [winter, ...federal],
      };
    case 'extra':
      return {
        ...range(d(9, 1), d(5, 31)),
        periodKind: 'HALF_YEAR',
        periods: halves(d(5, 31)),
        holidays: [winter, ...federal],
      };
    case 'kindergarten':
      // A kindergarten works all year round: no каникулы, only the New Year and federal non-working days.
      return {
        ...range(d(9, 1), d(8, 31)),
        periodKind: 'HALF_YEAR',
        periods: [
          { number: 1, name: '1 полугодие', ...range(d(9, 1), d(12, 31)) },
          { number: 2, name: '2 полугодие', ...range(d(1, 1), d(8, 31)) },
        ],
        holidays: [{ name: 'Новогодние праздники', ...range(d(1, 1), d(1, 10)) }, ...federal],
      };
  }
}

/** ISO weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Monday to Friday inside a study period and outside every holiday. */
export function studyDays(calendar: YearCalendar): string[] {
  const days: string[] = [];
  for (const period of calendar.periods) {
    for (let day = period.startsOn; day <= period.endsOn; day = addDays(day, 1)) {
      if (isoWeekday(day) > 5) continue;
      if (calendar.holidays.some((holiday) => day >= holiday.startsOn && day <= holiday.endsOn)) continue;
      days.push(day);
    }
  }
  return days;
}

/** A local wall-clock time on a date as a timestamp. */
export function localMoment(date: string, time: string, plusMinutes = 0): Date {
  return new Date(Date.parse(`${date}T${time}:00${DEMO_UTC_OFFSET}`) + plusMinutes * 60_000);
}

export function lessonStart(date: string, lessonNumber: number): Date {
  return localMoment(date, LESSON_STARTS[lessonNumber - 1] ?? '15:05');
}

/** Midnight at the start of `date`, local time: "now" when the demo is as of that date. */
export function startOfDay(date: string): Date {
  return localMoment(date, '00:00');
}
