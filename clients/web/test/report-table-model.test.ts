/**
 * The chart of a report draws only cells the server published: with more than two dimensions it takes the
 * server's rolled-up rows, never a sum of detail cells (which, beside a hidden cell, would give it back).
 */
import { describe, expect, it } from 'vitest';
import type { Table, TableCell } from '../src/features/reports/queries.ts';
import { chartData, formatValue } from '../src/features/reports/table-model.ts';

const dimension = (key: string | null, total = false): TableCell => ({
  __typename: 'ReportCell',
  key,
  label: key === null ? null : `«${key}»`,
  value: null,
  suppressed: false,
  total,
});
const measure = (value: number | null, suppressed = false): TableCell => ({
  __typename: 'ReportCell',
  key: null,
  label: null,
  value,
  suppressed,
  total: false,
});
const row = (...cells: TableCell[]) => ({ __typename: 'ReportRow' as const, cells });

function table(rows: Table['rows'], totals: Table['totals'], dimensions: string[]): Table {
  return {
    __typename: 'ReportTable',
    dataset: 'CONTINGENT',
    columns: [
      ...dimensions.map((id) => ({
        __typename: 'ReportColumn' as const,
        id,
        title: id,
        kind: 'DIMENSION' as const,
        unit: null,
      })),
      { __typename: 'ReportColumn', id: 'PERSONS', title: 'Число обучающихся', kind: 'MEASURE', unit: 'чел.' },
    ],
    rows,
    totals,
    rowCount: rows.length,
    minCellSize: 5,
    suppressed: true,
    note: null,
    factsAsOf: null,
  };
}

describe('chartData', () => {
  it('with three dimensions draws the totals over the third, not sums of the detail cells', () => {
    const detail = [
      row(dimension('m1'), dimension('5'), dimension('MALE'), measure(3, true)),
      row(dimension('m1'), dimension('5'), dimension('FEMALE'), measure(null, true)),
    ];
    const totals = [
      row(dimension(null, true), dimension(null, true), dimension(null, true), measure(40)),
      row(dimension('m1'), dimension('5'), dimension(null, true), measure(null, true)),
      row(dimension('m1'), dimension('6'), dimension(null, true), measure(21)),
      row(dimension('m1'), dimension(null, true), dimension('MALE'), measure(12)),
    ];
    const chart = chartData(table(detail, totals, ['MUNICIPALITY', 'GRADE', 'GENDER']))!;
    expect(chart.points).toEqual([{ category: '«m1»', s5: null, s6: 21 }]);
    expect(chart.series.map((series) => series.label)).toEqual(['«5»', '«6»']);
    expect(chart.categoryTitle).toBe('MUNICIPALITY');
    expect(chart.seriesTitle).toBe('GRADE');
  });

  it('with one dimension draws the detail rows, a hidden value as a gap', () => {
    const detail = [row(dimension('m1'), measure(403)), row(dimension('m2'), measure(null, true))];
    const chart = chartData(table(detail, [], ['MUNICIPALITY']))!;
    expect(chart.points).toEqual([
      { category: '«m1»', value: 403 },
      { category: '«m2»', value: null },
    ]);
  });

  it('formats by unit, in Russian', () => {
    expect(formatValue(1234, 'чел.')).toBe('1\u00a0234');
    expect(formatValue(8.4, '%')).toBe('8,4 %');
    expect(formatValue(null, 'балл')).toBe('—');
  });
});
