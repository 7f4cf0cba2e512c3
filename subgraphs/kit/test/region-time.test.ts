/** The region's time (DOMAIN.md, Times): the one module that names the zone. */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import {
  addDays,
  ageOn,
  configureRegionTimeZone,
  daysBetween,
  DEFAULT_REGION_TIME_ZONE,
  isTimeZone,
  isoWeekday,
  regionAge,
  regionDate,
  regionSchoolYear,
  regionTimeZone,
  regionToday,
  schoolYearOf,
  sqlRegionDate,
} from '../src/region-time.ts';

afterEach(() => configureRegionTimeZone(DEFAULT_REGION_TIME_ZONE));

describe('region dates', () => {
  it('puts 00:30 local on 1 April on 1 April, though UTC says 31 March', () => {
    expect(regionDate(new Date('2027-03-31T19:30:00Z'))).toBe('2027-04-01');
    expect(regionDate(new Date('2027-03-31T18:30:00Z'))).toBe('2027-03-31');
    expect(regionToday(() => new Date('2027-06-30T21:00:00Z'))).toBe('2027-07-01');
  });

  it('starts the school year at 00:00 local on 1 September', () => {
    expect(regionSchoolYear(new Date('2026-08-31T19:30:00Z'))).toBe(2026);
    expect(regionSchoolYear(new Date('2026-08-31T18:30:00Z'))).toBe(2025);
    expect(schoolYearOf('2027-08-31')).toBe(2026);
  });

  it('starts the 18th birthday at 00:00 local, five hours before UTC does', () => {
    expect(regionAge('2009-03-15', new Date('2027-03-14T19:30:00Z'))).toBe(18);
    expect(regionAge('2009-03-15', new Date('2027-03-14T18:30:00Z'))).toBe(17);
    // Born on 29 February: of age on 1 March of a common year.
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('follows the configured zone, and refuses an unknown one', () => {
    configureRegionTimeZone('Europe/Moscow');
    expect(regionTimeZone()).toBe('Europe/Moscow');
    expect(regionDate(new Date('2027-03-31T19:30:00Z'))).toBe('2027-03-31');
    expect(isTimeZone('Asia/Yekaterinburg')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => configureRegionTimeZone('Mars/Olympus')).toThrow(RangeError);
    expect(regionTimeZone()).toBe('Europe/Moscow');
  });

  it('does calendar arithmetic on ISO dates without any zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-09-01', '2026-12-29')).toBe(119);
    expect(isoWeekday('2026-06-29')).toBe(1);
    expect(isoWeekday('2026-06-28')).toBe(7);
    expect(() => addDays('2026-02-30', 1)).toThrow(/ГГГГ-ММ-ДД/);
  });

  it('computes a timestamptz column’s region date in SQL with the zone as a parameter', () => {
    const query = new PgDialect().sqlToQuery(sqlRegionDate(sql`h.changed_at`));
    expect(query.sql).toBe('((h.changed_at) at time zone $1::text)::date');
    expect(query.params).toEqual(['Asia/Yekaterinburg']);
  });
});
