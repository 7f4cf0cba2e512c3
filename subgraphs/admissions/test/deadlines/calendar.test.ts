import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatRuDate,
  isIsoDate,
  laborCodeNonWorkingDays,
  workingCalendar,
} from '../../src/modules/deadlines/index.ts';
import { DECREE_2026, testCalendar } from './decrees.ts';

const calendar = testCalendar();

function workingDaysInYear(year: number): number {
  return calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
}

describe('working-day calendar', () => {
  it('keeps Russia Day, 12 June 2026, a non-working Friday', () => {
    expect(calendar.isWorkingDay('2026-06-11')).toBe(true);
    expect(calendar.isWorkingDay('2026-06-12')).toBe(false);
    expect(calendar.isWorkingDay('2026-06-15')).toBe(true);
  });

  it('does not work on Saturdays and Sundays unless a decree makes one working', () => {
    expect(calendar.isWorkingDay('2026-06-27')).toBe(false);
    expect(calendar.isWorkingDay('2026-06-28')).toBe(false);
    // Decree No. 1335: Saturday 1 November 2025 is worked, Monday 3 November is off.
    expect(calendar.isWorkingDay('2025-11-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-11-03')).toBe(false);
  });

  it('encodes the 2026 transfers: 9 January and 31 December off, 9 March and 11 May off by art. 112', () => {
    for (const day of ['2026-01-09', '2026-12-31', '2026-03-09', '2026-05-11']) {
      expect(calendar.isWorkingDay(day)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
  });

  it('has 247 working days in 2025 and in 2026, as the official production calendars', () => {
    expect(workingDaysInYear(2025)).toBe(247);
    expect(workingDaysInYear(2026)).toBe(247);
  });

  it('adds working days across New Year: from 30 December 2025 the first is 12 January 2026', () => {
    // 31 Dec 2025 (transfer) and 1–11 Jan 2026 are all days off.
    expect(calendar.addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(calendar.addWorkingDays('2025-12-30', 3)).toBe('2026-01-14');
    expect(calendar.workingDaysBetween('2025-12-30', '2026-01-14')).toBe(3);
  });

  it('does not count the start day and returns it for n = 0', () => {
    expect(calendar.addWorkingDays('2026-06-29', 1)).toBe('2026-06-30');
    expect(calendar.addWorkingDays('2026-06-13', 0)).toBe('2026-06-13');
    expect(calendar.workingDaysBetween('2026-07-03', '2026-06-30')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-06-30', '2026-06-30')).toBe(0);
  });

  it('keeps a year without a decree to Labour Code art. 112, and says so', () => {
    expect(calendar.sourceOf(2027)).toEqual({ source: 'LABOUR_CODE_ART_112', decree: null });
    expect(calendar.sourceOf(2026)).toMatchObject({ source: 'DECREE', decree: expect.stringMatching(/№ 1466/) });
    // Sat 1 May → Mon 3 May, Sun 9 May → Mon 10 May, Sat 12 Jun → Mon 14 Jun (art. 112 part 2).
    expect(calendar.isWorkingDay('2027-06-14')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-10')).toBe(false);
    // Weekend January holidays are not moved without a decree (art. 112 part 2 excepts them).
    expect(laborCodeNonWorkingDays(2028).days.filter((d) => d.startsWith('2028-01'))).toHaveLength(8);
    expect(calendar.isWorkingDay('2028-01-10')).toBe(true);
  });

  it('derives the 2026 data from art. 112 plus the two January transfers of the decree', () => {
    const derived = [...laborCodeNonWorkingDays(2026).days, '2026-01-09', '2026-12-31'].sort();
    expect([...DECREE_2026.days].sort()).toEqual(derived);
  });

  it('refuses a year it has no data for when built without the art. 112 fallback, in Russian', () => {
    const bare = workingCalendar([DECREE_2026]);
    expect(() => bare.isWorkingDay('2028-03-01')).toThrow('Нет производственного календаря на 2028 год');
    expect(() => bare.addWorkingDays('2026-12-30', 2)).toThrow(/2027/);
  });

  it('refuses malformed dates and counts', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(/ГГГГ-ММ-ДД/);
    expect(() => calendar.addWorkingDays('2026-06-30', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-06-30', 1.5)).toThrow(RangeError);
    expect(isIsoDate('2026-6-30')).toBe(false);
  });

  it('refuses inconsistent calendar data', () => {
    expect(() => workingCalendar([{ year: 2026, days: ['2025-12-31'] }])).toThrow(/2026/);
    expect(() => workingCalendar([{ year: 2026, days: [], workingWeekends: ['2026-06-29'] }])).toThrow(/суббота/);
    expect(() => workingCalendar([DECREE_2026, DECREE_2026])).toThrow(/дважды/);
  });

  it('computes in UTC and writes dates the Russian way', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(formatRuDate('2026-06-30')).toBe('30 июня 2026 г.');
    expect(formatRuDate('2026-09-05')).toBe('5 сентября 2026 г.');
  });
});
