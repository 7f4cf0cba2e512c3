/**
 * `reportFile` (issue 12): the report's file, built from the very table `report` answers the same principal
 * — the same scope check, the same suppression — so a file can never hold a number the table hides.
 */
import type { ServerResponse } from 'node:http';
import type { Database, Executor } from '@region/db';
import { attachment, badInput, regionDate, signExportLink, type ExportLink, type Principal } from '@region/kit';
import type { AnalyticsContext } from '../../context.ts';
import { reportOptionsOf } from '../../context.ts';
import type { AnalyticsPolicy } from '../../policy.ts';
import { DATASETS, DIMENSIONS, type DatasetId } from '../reports/catalog.ts';
import { cubeCursor, labels, type CubeRow } from '../reports/repository.ts';
import {
  buildReport,
  checkReport,
  decideReport,
  planReport,
  reportColumns,
  shareOfPersons,
  suppressionNote,
  type ReportInput,
  type ReportOptions,
  type ReportTable,
} from '../reports/service.ts';
import {
  SUPPRESSED_MARK,
  contentTypeOf,
  render,
  writeTableFile,
  type FileCell,
  type FileFormat,
  type Sheet,
} from '@region/kit/table-files';

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

/** The header lines above the table: what, when, over which filters, and what «к» means. */
async function reportHeader(
  db: Executor,
  input: ReportInput,
  options: { now: Date; title?: string | undefined; minCellSize: number },
  note: string | null,
): Promise<string[]> {
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
  return [
    options.title ? `${options.title} (${dataset.title})` : dataset.title,
    `Сформирован ${ruDate(today)}`,
    ...(time ? [time] : []),
    filters.length ? `Фильтры: ${filters.join('; ')}` : 'Фильтры: нет (вся ваша территория)',
    note ?? `Скрытых ячеек нет: каждая ячейка посчитана не меньше чем по ${options.minCellSize} человек.`,
  ];
}

const columnTitles = (columns: ReportTable['columns']) =>
  columns.map((column) => (column.unit ? `${column.title}, ${column.unit}` : column.title));

export async function reportFile(
  db: Executor,
  policy: AnalyticsPolicy,
  input: ReportInput,
  format: FileFormat,
  options: ReportOptions & { title?: string },
): Promise<ReportFileResult> {
  const table = await buildReport(db, policy, input, options);
  const today = regionDate(options.now);
  const dataset = DATASETS[input.dataset];
  const sheet: Sheet = {
    name: dataset.title,
    header: await reportHeader(db, input, options, table.note),
    columns: columnTitles(table.columns),
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

/** What a report's download link carries: the report, the format, the saved report's title if any. */
interface ReportLinkParams {
  input: ReportInput;
  format: FileFormat;
  title?: string | null;
}

/**
 * `reportFileLink` (issue 12): the same checks as `report` now — scope, catalogue, the filters' reach — so a
 * refusal is the GraphQL error the table would give; then a link that reruns them when the file is fetched.
 */
export async function reportFileLink(
  ctx: AnalyticsContext,
  input: ReportInput,
  format: FileFormat,
  title: string | null | undefined,
): Promise<ExportLink & { filename: string }> {
  if (ctx.principal.kind !== 'PERSON' && ctx.principal.kind !== 'SERVICE')
    throw badInput('Файл выдаётся только вошедшему пользователю.');
  if (title && title.length > 200) throw badInput('Название отчёта — не длиннее 200 символов.', 'title');
  const options = reportOptionsOf(ctx);
  await checkReport(ctx.readDb, ctx.policy, input, options);
  const params: ReportLinkParams = { input, format, title: title ?? null };
  const link = await signExportLink({
    subgraph: 'analytics',
    exportName: 'report',
    principal: ctx.principal satisfies Principal,
    params,
    now: options.now,
  });
  return {
    ...link,
    filename: fileName(
      title ?? DATASETS[input.dataset].title,
      regionDate(options.now),
      contentTypeOf(format).extension,
    ),
  };
}

const cellKey = (grouping: number, keys: readonly (string | null)[]) =>
  `${grouping}\u0001${keys.map((key) => (key === null ? '\u0000' : key)).join('\u0001')}`;

/** The suppression decision, keeping only the hidden cells' keys (the cube's cells are dropped here). */
async function hiddenCells(ctx: AnalyticsContext, input: ReportInput, options: ReportOptions) {
  const decision = await decideReport(ctx.readDb, ctx.policy, input, options, { personsOnly: true });
  const hidden = new Set<string>();
  for (const index of decision.hidden) {
    const row = decision.rows[index]!;
    hidden.add(cellKey(row.grouping, row.keys));
  }
  return { hidden, grandPersons: decision.grandPersons, query: decision.query, plan: decision.plan };
}

/** Rows per cursor batch: what one step of the file holds in memory. */
export const REPORT_STREAM_BATCH = 500;

/**
 * The file of a report link (issue 12), streamed: suppression is decided on the whole cube as for the table
 * (`decideReport`, persons only, no labels or values), keeping only the hidden cells' keys; then the cube is
 * read again through a cursor with its values and labels, batch by batch, and written to the response.
 */
export async function streamReportFile(ctx: AnalyticsContext, params: unknown, response: ServerResponse) {
  const { input, format, title } = params as ReportLinkParams;
  const options = reportOptionsOf(ctx);
  const { hidden, grandPersons, query, plan } = await hiddenCells(ctx, input, options);
  const shareHidden = input.measures.includes('SHARE_OF_PERSONS') && grandPersons === null;
  const note = hidden.size > 0 || shareHidden ? suppressionNote(options.minCellSize) : null;
  const columns = reportColumns(input);
  const header = await reportHeader(ctx.readDb, input, { ...options, title: title ?? undefined }, note);
  const n = input.dimensions.length;

  // A sort by a measure would place a hidden cell among its neighbours by its real value: with hidden cells
  // the rows keep the labels' order (the table's own sort, `buildReport`, treats them as absent instead).
  const sort = plan.sort.filter((entry) => entry.dimension || hidden.size === 0);
  const orderBy = sort.map((entry) =>
    entry.dimension
      ? { dimension: input.dimensions.indexOf(entry.dimension) }
      : { column: entry.measure === 'SHARE_OF_PERSONS' ? 'persons' : `m_${entry.measure!.toLowerCase()}` },
  );
  const source: Database = query.fromFacts ? ctx.db : ctx.readDb;
  const cells = (row: CubeRow & { labels: (string | null)[] }): FileCell[] => {
    const suppressed = hidden.has(cellKey(row.grouping, row.keys));
    return [
      ...input.dimensions.map((id, d): FileCell => {
        if ((row.grouping & (1 << (n - 1 - d))) !== 0) return 'Итого';
        const key = row.keys[d]!;
        if (key === null) return 'Не указано';
        return DIMENSIONS[id].fixedLabels?.[key] ?? row.labels[d] ?? key;
      }),
      ...input.measures.map((id): FileCell => {
        if (suppressed) return SUPPRESSED_MARK;
        if (id !== 'SHARE_OF_PERSONS') return row.values[id] ?? null;
        return grandPersons === null ? SUPPRESSED_MARK : shareOfPersons(row.persons, grandPersons);
      }),
    ];
  };
  async function* rows() {
    for await (const batch of cubeCursor(source, query, {
      batch: REPORT_STREAM_BATCH,
      orderBy,
      descending: sort.map((entry) => entry.descending),
    }))
      yield batch.map(cells);
  }
  const dataset = DATASETS[input.dataset as DatasetId];
  const type = contentTypeOf(format);
  response.writeHead(200, {
    'content-type': type.contentType,
    'content-disposition': attachment(fileName(title ?? dataset.title, regionDate(options.now), type.extension)),
    'cache-control': 'no-store',
  });
  await writeTableFile(format, { name: dataset.title, header, columns: columnTitles(columns), rows: rows() }, response);
}
