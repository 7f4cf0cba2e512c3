/**
 * `reportFile` (issue 12): the report's file, built from the very table `report` answers the same principal
 * — the same scope check, the same suppression — so a file can never hold a number the table hides.
 */
import type { Executor } from '@region/db';
import { regionDate } from '@region/kit';
import type { AnalyticsPolicy } from '../../policy.ts';
import { DATASETS, DIMENSIONS } from '../reports/catalog.ts';
import { labels } from '../reports/repository.ts';
import { buildReport, planReport, type ReportInput, type ReportOptions, type ReportTable } from '../reports/service.ts';
import { SUPPRESSED_MARK, render, type FileCell, type FileFormat, type Sheet } from '@region/kit/table-files';

export interface ReportFileResult {
  filename: string;
  contentType: string;
  contentBase64: string;
  suppressed: boolean;
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** «Муниципалитет: Северный район, Южный район» — each filter with its values' names. */
async function describeFilters(db: Executor, input: ReportInput): Promise<string[]> {
  return Promise.all(
    (input.filters ?? []).map(async (filter) => {
      const dimension = DIMENSIONS[filter.dimension];
      const names = dimension.fixedLabels
        ? new Map(Object.entries(dimension.fixedLabels))
        : dimension.labels
          ? await labels(db, dimension.labels, filter.values)
          : new Map<string, string>();
      return `${dimension.title}: ${filter.values.map((value) => names.get(value) ?? value).join(', ')}`;
    }),
  );
}

/** The table as a sheet: details, then the totals; a suppressed value is «к». */
export function tableRows(table: ReportTable): FileCell[][] {
  return [...table.rows, ...table.totals].map((row) =>
    row.cells.map((cell, index): FileCell => {
      if (table.columns[index]!.kind === 'DIMENSION') return cell.label;
      return cell.suppressed ? SUPPRESSED_MARK : cell.value;
    }),
  );
}

export function fileName(title: string, date: string, extension: string): string {
  return `${title.replace(/[^\p{L}\p{N}-]+/gu, '_')}_${date}.${extension}`;
}

export async function reportFile(
  db: Executor,
  policy: AnalyticsPolicy,
  input: ReportInput,
  format: FileFormat,
  options: ReportOptions & { title?: string },
): Promise<ReportFileResult> {
  const table = await buildReport(db, policy, input, options);
  const today = regionDate(options.now);
  const plan = planReport(input, today);
  const dataset = DATASETS[input.dataset];
  const time =
    'on' in plan.time
      ? `Дата среза: ${ruDate(plan.time.on)}`
      : 'from' in plan.time
        ? `Период: с ${ruDate(plan.time.from)} по ${ruDate(plan.time.to)}`
        : 'year' in plan.time
          ? `Год приёмной кампании: ${plan.time.year}`
          : null;
  const filters = await describeFilters(db, input);
  const sheet: Sheet = {
    name: dataset.title,
    header: [
      options.title ? `${options.title} (${dataset.title})` : dataset.title,
      `Сформирован ${ruDate(today)}`,
      ...(time ? [time] : []),
      filters.length ? `Фильтры: ${filters.join('; ')}` : 'Фильтры: нет (вся ваша территория)',
      table.note ?? `Скрытых ячеек нет: каждая ячейка посчитана не меньше чем по ${table.minCellSize} человек.`,
    ],
    columns: table.columns.map((column) => (column.unit ? `${column.title}, ${column.unit}` : column.title)),
    rows: tableRows(table),
  };
  const file = await render(format, [sheet]);
  return {
    filename: fileName(options.title ?? dataset.title, today, file.extension),
    contentType: file.contentType,
    contentBase64: file.body.toString('base64'),
    suppressed: table.suppressed,
  };
}
