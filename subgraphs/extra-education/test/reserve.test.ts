/** The reserve of a certificate contract (`reserve.ts`): the months of the group in the funding period. */
import { describe, expect, it } from 'vitest';
import { monthBounds, monthsTouched, reserveWindow } from '../src/modules/enrolment/reserve.ts';

const PERIOD = { startsOn: '2026-09-01', endsOn: '2027-08-31' };
const GROUP = { startsOn: '2026-09-01', endsOn: '2027-05-31' };

describe('the reserve window', () => {
  it('runs from the conclusion to the group’s end inside the period, a month partly inside counting whole', () => {
    const window = reserveWindow(GROUP, '2026-11-02', PERIOD)!;
    expect(window).toEqual({ from: '2026-11-02', to: '2027-05-31' });
    expect(monthsTouched(window)).toBe(7);
    expect(monthsTouched(reserveWindow(GROUP, '2026-08-20', PERIOD)!)).toBe(9);
    expect(monthsTouched({ from: '2026-11-30', to: '2026-12-01' })).toBe(2);
  });

  it('stops at the period’s end, and is empty when the group does not meet the period', () => {
    expect(reserveWindow({ startsOn: '2027-06-01', endsOn: '2027-12-31' }, '2027-06-01', PERIOD)).toEqual({
      from: '2027-06-01',
      to: '2027-08-31',
    });
    expect(reserveWindow({ startsOn: '2027-09-01', endsOn: '2028-05-31' }, '2026-11-02', PERIOD)).toBeNull();
    expect(reserveWindow(GROUP, '2027-06-01', PERIOD)).toBeNull();
  });
});

describe('a month of the charge', () => {
  it('reads «YYYY-MM» with its last day, leap years included', () => {
    expect(monthBounds('2026-11')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(monthBounds('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(monthBounds('2027-02')).toEqual({ start: '2027-02-01', end: '2027-02-28' });
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '']) expect(monthBounds(bad)).toBeNull();
  });
});
