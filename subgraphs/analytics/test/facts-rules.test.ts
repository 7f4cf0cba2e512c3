/**
 * Pure rules of the facts and the dashboard: which reports a fact can answer (whole months, its own dimensions
 * and measures) and the dashboard's period (the school year to the last complete month).
 */
import { describe, expect, it } from 'vitest';
import { dashboardPanels, dashboardRange } from '../src/modules/dashboards/service.ts';
import { factSourcesFor, type CubeQuery } from '../src/modules/reports/repository.ts';

const tables = (query: Omit<CubeQuery, 'fromFacts'>) => factSourcesFor(query).map((source) => source.table);

const base: Omit<CubeQuery, 'fromFacts'> = {
  dataset: 'MARKS',
  dimensions: ['MUNICIPALITY'],
  measures: ['AVERAGE_MARK'],
  filters: [],
  time: { from: '2026-09-01', to: '2026-10-31' },
  ageOn: '2026-01-01',
  scope: null,
};

describe('a report read from a fact', () => {
  it('is one over whole months with the fact’s dimensions, filters and measures, the summary first', () => {
    expect(tables(base)).toEqual(['analytics.fact_marks_summary', 'analytics.fact_marks']);
    expect(tables({ ...base, time: { from: '2026-09-01', to: '2027-02-28' } })).toHaveLength(2);
    expect(
      tables({
        ...base,
        dataset: 'CONTINGENT',
        measures: ['PERSONS', 'SHARE_OF_PERSONS'],
        time: { on: '2026-11-20' },
      }),
    ).toEqual(['analytics.fact_contingent']);
  });

  it('leaves the summary out for persons, their share, or a learner’s dimension', () => {
    expect(tables({ ...base, measures: ['PERSONS', 'AVERAGE_MARK'] })).toEqual(['analytics.fact_marks']);
    expect(tables({ ...base, dimensions: ['GENDER'] })).toEqual(['analytics.fact_marks']);
    expect(tables({ ...base, filters: [{ dimension: 'CLASS', values: ['x'] }] })).toEqual(['analytics.fact_marks']);
    expect(tables({ ...base, dataset: 'ATTENDANCE', dimensions: ['SUBJECT'], measures: ['ATTENDANCE_RATE'] })).toEqual([
      'analytics.fact_attendance_summary',
      'analytics.fact_attendance',
    ]);
  });

  it('is refused a range cut inside a month, at either end', () => {
    expect(tables({ ...base, time: { from: '2026-09-01', to: '2026-11-20' } })).toEqual([]);
    expect(tables({ ...base, time: { from: '2026-09-02', to: '2026-10-31' } })).toEqual([]);
    expect(tables({ ...base, time: { from: '2026-09-01', to: '2026-10-30' } })).toEqual([]);
  });

  it('is refused a dataset without a fact, or a dimension the facts lack', () => {
    expect(tables({ ...base, dataset: 'ADMISSIONS', measures: ['APPLICATIONS'], time: { year: 2026 } })).toEqual([]);
    expect(
      tables({ ...base, dataset: 'ATTENDANCE', dimensions: ['STUDY_PERIOD'], measures: ['ATTENDANCE_RATE'] }),
    ).toEqual([]);
    expect(
      tables({
        ...base,
        dataset: 'PLATFORMS',
        dimensions: ['CARD_KIND'],
        measures: ['PERSONS'],
        time: { on: '2026-11-20' },
      }),
    ).toEqual([]);
  });
});

describe('the dashboard period', () => {
  it('runs from 1 September to the end of the last complete month', () => {
    expect(dashboardRange('2026-11-20')).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(dashboardRange('2027-01-01')).toEqual({ from: '2026-09-01', to: '2026-12-31' });
    expect(dashboardRange('2027-03-15')).toEqual({ from: '2026-09-01', to: '2027-02-28' });
  });

  it('runs to today in September, when no month of the school year is complete', () => {
    expect(dashboardRange('2026-09-14')).toEqual({ from: '2026-09-01', to: '2026-09-14' });
  });

  it('breaks the region down by municipality, a municipality by organization', () => {
    expect(dashboardPanels('2026-11-20', true, null)[0]!.dimensions).toEqual(['MUNICIPALITY']);
    const narrowed = dashboardPanels('2026-11-20', true, 'b1b2c3d4-0000-4000-8000-000000000000');
    expect(narrowed[0]!.dimensions).toEqual(['ORGANIZATION']);
    expect(narrowed[0]!.filters).toEqual([
      { dimension: 'MUNICIPALITY', values: ['b1b2c3d4-0000-4000-8000-000000000000'] },
    ]);
    expect(dashboardPanels('2026-11-20', false, null)[0]!.dimensions).toEqual(['ORGANIZATION']);
  });
});
