/**
 * Pure helpers over a report table: formatting a cell, and the series a chart draws. A chart never adds
 * cells up itself — a sum of published cells beside a hidden one would undo suppression — it takes the
 * server's own rolled-up rows (`totals`), which were suppressed together with the detail.
 */
import type { Table, TableCell, TableRow } from './queries.ts';

const INTEGER = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 2 });

/** Rosstat's mark for a value withheld to protect the persons behind it. */
export const SUPPRESSED_MARK = 'к';

export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return '—';
  if (unit === '%') return `${DECIMAL.format(value)} %`;
  return Number.isInteger(value) ? INTEGER.format(value) : DECIMAL.format(value);
}

/** The text of a dimension cell: its label, «Итого» for a rolled-up one, «не указано» for a missing value. */
export function dimensionText(cell: TableCell): string {
  if (cell.total) return 'Итого';
  return cell.label ?? cell.key ?? 'не указано';
}

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartData {
  /** One entry per category of the first dimension: `category` and a value per series key (null: hidden). */
  points: Record<string, string | number | null>[];
  series: ChartSeries[];
  /** The measure drawn, and the dimensions that make its categories and series. */
  measure: { index: number; title: string; unit: string | null };
  categoryTitle: string | null;
  seriesTitle: string | null;
  /** Categories or series left out to keep the chart readable (the table has them all). */
  truncated: boolean;
}

const MAX_CATEGORIES = 30;
const MAX_SERIES = 8;
/** The series key for a chart of one dimension (or none): the measure itself. */
export const SINGLE_SERIES = 'value';

/**
 * The first measure by the first dimension (categories) and the second (series). With more dimensions the
 * chart takes the server's totals over the rest; the table below shows every cell.
 */
export function chartData(table: Table, measureId?: string): ChartData | null {
  const dimensionIndexes = table.columns.flatMap((column, index) => (column.kind === 'DIMENSION' ? [index] : []));
  const measureIndex = table.columns.findIndex(
    (column) => column.kind === 'MEASURE' && (measureId === undefined || column.id === measureId),
  );
  const measure = table.columns[measureIndex];
  if (!measure) return null;
  const [categoryIndex, seriesIndex] = dimensionIndexes;
  const rest = dimensionIndexes.slice(2);
  const wanted = (row: TableRow) =>
    (categoryIndex === undefined || !row.cells[categoryIndex]?.total) &&
    (seriesIndex === undefined || !row.cells[seriesIndex]?.total) &&
    rest.every((index) => row.cells[index]?.total);
  const source =
    dimensionIndexes.length === 0
      ? table.totals.slice(0, 1)
      : rest.length === 0
        ? table.rows
        : table.totals.filter(wanted);

  const categories = new Map<string, Record<string, string | number | null>>();
  const series = new Map<string, ChartSeries>();
  let truncated = false;
  for (const row of source) {
    const categoryCell = categoryIndex === undefined ? null : row.cells[categoryIndex];
    const categoryKey = categoryCell ? (categoryCell.key ?? '') : SINGLE_SERIES;
    let point = categories.get(categoryKey);
    if (!point) {
      if (categories.size >= MAX_CATEGORIES) {
        truncated = true;
        continue;
      }
      point = { category: categoryCell ? dimensionText(categoryCell) : 'Итого' };
      categories.set(categoryKey, point);
    }
    const seriesCell = seriesIndex === undefined ? null : row.cells[seriesIndex];
    const seriesKey = seriesCell ? `s${seriesCell.key ?? ''}` : SINGLE_SERIES;
    if (!series.has(seriesKey)) {
      if (series.size >= MAX_SERIES) {
        truncated = true;
        continue;
      }
      series.set(seriesKey, { key: seriesKey, label: seriesCell ? dimensionText(seriesCell) : measure.title });
    }
    point[seriesKey] = row.cells[measureIndex]?.value ?? null;
  }
  return {
    points: [...categories.values()],
    series: [...series.values()],
    measure: { index: measureIndex, title: measure.title, unit: measure.unit },
    categoryTitle: categoryIndex === undefined ? null : (table.columns[categoryIndex]?.title ?? null),
    seriesTitle: seriesIndex === undefined ? null : (table.columns[seriesIndex]?.title ?? null),
    truncated,
  };
}
