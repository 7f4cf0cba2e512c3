/**
 * The report builder (issue 12): checks a report request against the catalogue and the principal's scope,
 * computes its cube over the read contract, suppresses small cells and lays the table out.
 */
import type { Executor } from '@region/db';
import { AppError, badInput, forbidden, regionDate, schoolYearOf } from '@region/kit';
import { admissionYearOn } from '@region/schema/validation/applications';
import type { AnalyticsPolicy, ScopeUnit } from '../../policy.ts';
import {
  DATASETS,
  DIMENSIONS,
  MEASURES,
  measureTitle,
  type DatasetId,
  type DimensionId,
  type MeasureId,
  type ValueKind,
} from './catalog.ts';
import {
  classOrganizations,
  cube,
  factFilledAt,
  factSourcesFor,
  labels,
  organizationMunicipalities,
  type CubeQuery,
  type CubeRow,
} from './repository.ts';
import { suppressCells } from './suppression.ts';

export interface ReportInput {
  dataset: DatasetId;
  dimensions: readonly DimensionId[];
  measures: readonly MeasureId[];
  filters?: readonly { dimension: DimensionId; values: readonly string[] }[] | null;
  sort?: readonly { dimension?: DimensionId | null; measure?: MeasureId | null; descending?: boolean | null }[] | null;
  limit?: number | null;
  on?: string | null;
  ageOn?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface ReportCell {
  key: string | null;
  label: string | null;
  value: number | null;
  suppressed: boolean;
  total: boolean;
}

export interface ReportTable {
  dataset: DatasetId;
  columns: { id: string; title: string; kind: 'DIMENSION' | 'MEASURE'; unit: string | null }[];
  rows: { cells: ReportCell[] }[];
  totals: { cells: ReportCell[] }[];
  rowCount: number;
  minCellSize: number;
  suppressed: boolean;
  note: string | null;
  /** When the pre-aggregated fact the report was read from was refreshed; null when read from the views. */
  factsAsOf: Date | null;
}

export interface ReportOptions {
  minCellSize: number;
  now: Date;
  /**
   * Where the pre-aggregated facts are read (the subgraph's own connection: `analytics_ro` on a replica reads
   * the contract only); without it the report reads the views.
   */
  factsDb?: Executor | undefined;
}

export const MAX_DIMENSIONS = 4;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 5000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseValue(dimension: DimensionId, value: string): string | number {
  const { valueKind: kind, title, fixedLabels } = DIMENSIONS[dimension];
  const wrong = () => badInput(`Фильтр «${title}»: недопустимое значение «${value.slice(0, 40)}».`, 'filters');
  switch (kind satisfies ValueKind) {
    case 'uuid':
      if (!UUID.test(value)) throw wrong();
      return value.toLowerCase();
    case 'integer':
      if (!/^-?\d{1,3}$/.test(value)) throw wrong();
      return Number(value);
    case 'year':
      if (!/^\d{4}$/.test(value)) throw wrong();
      return Number(value);
    case 'fixed':
      if (!fixedLabels || !Object.hasOwn(fixedLabels, value)) throw wrong();
      return value;
    case 'month':
      if (!MONTH.test(value)) throw wrong();
      return value;
    case 'text':
      if (value.trim() === '' || value.length > 200) throw wrong();
      return value;
  }
}

const titleOf = (id: DimensionId) => DIMENSIONS[id].title;

/** The request checked against the catalogue: every refusal names what is wrong (BAD_USER_INPUT). */
export function planReport(input: ReportInput, today: string) {
  const dataset = DATASETS[input.dataset];
  if (input.dimensions.length > MAX_DIMENSIONS)
    throw badInput(`Выберите не больше ${MAX_DIMENSIONS} измерений.`, 'dimensions');
  if (new Set(input.dimensions).size !== input.dimensions.length)
    throw badInput('Измерение выбрано дважды.', 'dimensions');
  for (const id of input.dimensions)
    if (!dataset.dimensions.includes(id))
      throw badInput(`Измерение «${titleOf(id)}» недоступно в наборе «${dataset.title}».`, 'dimensions');
  if (input.measures.length === 0) throw badInput('Выберите хотя бы один показатель.', 'measures');
  if (new Set(input.measures).size !== input.measures.length) throw badInput('Показатель выбран дважды.', 'measures');
  for (const id of input.measures)
    if (!dataset.measures.includes(id))
      throw badInput(
        `Показатель «${measureTitle(dataset.id, id)}» недоступен в наборе «${dataset.title}».`,
        'measures',
      );
  for (const id of input.measures)
    for (const dimension of MEASURES[id].notWith ?? [])
      if (input.dimensions.includes(dimension))
        throw badInput(
          `Показатель «${measureTitle(dataset.id, id)}» не делится по измерению «${titleOf(dimension)}».`,
          'dimensions',
        );

  const filters = (input.filters ?? []).map((filter) => {
    const title = titleOf(filter.dimension);
    if (!dataset.dimensions.includes(filter.dimension))
      throw badInput(`Фильтр «${title}» недоступен в наборе «${dataset.title}».`, 'filters');
    if (filter.values.length === 0 || filter.values.length > 500)
      throw badInput(`Фильтр «${title}»: укажите от 1 до 500 значений.`, 'filters');
    return {
      dimension: filter.dimension,
      values: filter.values.map((value) => parseValue(filter.dimension, value)),
    };
  });
  if (new Set(filters.map((filter) => filter.dimension)).size !== filters.length)
    throw badInput('Фильтр по одному измерению задан дважды: перечислите значения в одном фильтре.', 'filters');

  const sort = (input.sort ?? []).map((entry) => {
    if (Boolean(entry.dimension) === Boolean(entry.measure))
      throw badInput('Сортировка: укажите либо измерение, либо показатель.', 'sort');
    if (entry.dimension && !input.dimensions.includes(entry.dimension))
      throw badInput(`Сортировка по «${titleOf(entry.dimension)}»: этого измерения нет в отчёте.`, 'sort');
    if (entry.measure && !input.measures.includes(entry.measure))
      throw badInput(
        `Сортировка по «${measureTitle(dataset.id, entry.measure)}»: этого показателя нет в отчёте.`,
        'sort',
      );
    return {
      dimension: entry.dimension ?? null,
      measure: entry.measure ?? null,
      descending: entry.descending ?? false,
    };
  });

  const limit = input.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw badInput(`Число строк: от 1 до ${MAX_LIMIT}.`, 'limit');

  let time: CubeQuery['time'];
  if (dataset.time === 'slice') {
    if (input.from || input.to)
      throw badInput(`Набор «${dataset.title}» строится на дату среза (on), а не за период (from, to).`, 'from');
    time = { on: input.on ?? today };
  } else if (dataset.time === 'campaign') {
    if (input.on || input.from || input.to)
      throw badInput(
        `Набор «${dataset.title}» строится по году приёмной кампании (фильтр «${titleOf('CAMPAIGN_YEAR')}»), а не по датам.`,
        input.on ? 'on' : 'from',
      );
    // Without a year filter: the current campaign, by the region's date (Order 458's campaign year).
    time = filters.some((filter) => filter.dimension === 'CAMPAIGN_YEAR')
      ? { all: true }
      : { year: admissionYearOn(today) };
  } else {
    if (input.on) throw badInput(`Набор «${dataset.title}» строится за период (from, to), а не на дату (on).`, 'on');
    const from = input.from ?? `${schoolYearOf(today)}-09-01`;
    const to = input.to ?? today;
    if (from > to) throw badInput('Начало периода позже его конца.', 'from');
    time = { from, to };
  }
  if (
    input.ageOn &&
    !input.dimensions.includes('AGE') &&
    !input.measures.includes('AVERAGE_AGE') &&
    !filters.some((filter) => filter.dimension === 'AGE')
  )
    throw badInput(
      'Дата расчёта возраста (ageOn) нужна только с измерением «Возраст» или показателем «Средний возраст».',
      'ageOn',
    );
  const ageOn = input.ageOn ?? `${today.slice(0, 4)}-01-01`;
  return { dataset, filters, sort, limit, time, ageOn };
}

type Plan = ReturnType<typeof planReport>;

/**
 * Where the report's rows lie, checked against the principal's scope: a filter on a municipality,
 * organization or class outside it is refused (FORBIDDEN), never answered empty. Answers the units that
 * bound the rows (the narrowest filter, else the principal's whole scope) for the suppression rule.
 */
async function scopeOf(db: Executor, policy: AnalyticsPolicy, plan: Plan): Promise<ScopeUnit[]> {
  const refuse = () =>
    new AppError('FORBIDDEN', 'Фильтр отчёта выходит за пределы вашей территории.', { field: 'filters' });
  const valuesOf = (dimension: DimensionId) =>
    plan.filters.find((filter) => filter.dimension === dimension)?.values.map(String) ?? null;

  let bound: ScopeUnit[] | null = null;
  const municipalities = valuesOf('MUNICIPALITY');
  if (municipalities) {
    bound = municipalities.map((municipalityId) => ({ kind: 'MUNICIPALITY', municipalityId }));
    if (!bound.every((unit) => policy.reaches(unit))) throw refuse();
  }
  const classes = valuesOf('CLASS');
  const classOrgs = classes ? await classOrganizations(db, classes) : new Map<string, string>();
  const organizations = [...(valuesOf('ORGANIZATION') ?? []), ...classOrgs.values()];
  if (classes && classes.some((id) => !classOrgs.has(id))) throw refuse();
  if (organizations.length) {
    const municipalityOf = await organizationMunicipalities(db, organizations);
    const units: ScopeUnit[] = organizations.map((organizationId) => ({
      kind: 'ORGANIZATION',
      organizationId,
      municipalityId: municipalityOf.get(organizationId) ?? null,
    }));
    if (!units.every((unit) => unit.kind === 'ORGANIZATION' && unit.municipalityId && policy.reaches(unit)))
      throw refuse();
    bound = units;
  }
  if (bound) return bound;
  const scope = policy.reportScope();
  if (scope.region) return [{ kind: 'REGION' }];
  return [
    ...scope.municipalityIds.map((municipalityId): ScopeUnit => ({ kind: 'MUNICIPALITY', municipalityId })),
    ...scope.organizationIds.map((organizationId): ScopeUnit => ({
      kind: 'ORGANIZATION',
      organizationId,
      municipalityId: null,
    })),
  ];
}

const SUPPRESSION_NOTE =
  'к — значение скрыто: ячейка посчитана меньше чем по {k} человек, или по ней можно было бы вычислить скрытую ячейку из итогов.';

/**
 * What a report shows, decided once for the table and for its streamed file (issue 12): the plan, the cube
 * query (with the fact it reads, if any), the cube's cells and which of them suppression hides. With
 * `personsOnly` the cells carry no measure values: the file reads those again through a cursor.
 */
/** The checks every report passes before its cube is computed: the scope, the catalogue, the filters' reach. */
export async function checkReport(
  db: Executor,
  policy: AnalyticsPolicy,
  input: ReportInput,
  options: Pick<ReportOptions, 'now'>,
) {
  if (!policy.holds('reports:read'))
    throw forbidden('Конструктор отчётов доступен аналитикам, координаторам и администрации организаций.');
  const plan = planReport(input, regionDate(options.now));
  const units = await scopeOf(db, policy, plan);
  return { plan, units };
}

export const suppressionNote = (minCellSize: number) => SUPPRESSION_NOTE.replace('{k}', String(minCellSize));

export function reportColumns(input: Pick<ReportInput, 'dataset' | 'dimensions' | 'measures'>): ReportTable['columns'] {
  return [
    ...input.dimensions.map((id) => ({ id, title: DIMENSIONS[id].title, kind: 'DIMENSION' as const, unit: null })),
    ...input.measures.map((id) => ({
      id,
      title: measureTitle(input.dataset, id),
      kind: 'MEASURE' as const,
      unit: MEASURES[id].unit,
    })),
  ];
}

export async function decideReport(
  db: Executor,
  policy: AnalyticsPolicy,
  input: ReportInput,
  options: ReportOptions,
  mode: { personsOnly?: boolean } = {},
) {
  const { plan, units } = await checkReport(db, policy, input, options);
  const scope = policy.reportScope();
  const query: CubeQuery = {
    dataset: input.dataset,
    dimensions: input.dimensions,
    measures: input.measures,
    filters: plan.filters,
    time: plan.time,
    ageOn: plan.ageOn,
    scope: scope.region ? null : { municipalityIds: scope.municipalityIds, organizationIds: scope.organizationIds },
  };
  // The smallest pre-aggregated fact the report's dimensions allow, once filled; a summary whose persons are
  // a lower bound only when it proves no cell is under k (then suppression hides nothing); else the view.
  let rows: CubeRow[] | null = null;
  let factsAsOf: Date | null = null;
  const candidates = options.factsDb ? factSourcesFor(query) : [];
  const filledAt =
    candidates.length && options.factsDb ? await factFilledAt(options.factsDb, candidates[0]!.fact) : null;
  for (const source of filledAt ? candidates : []) {
    const answer = await cube(options.factsDb!, { ...query, fromFacts: source }, mode);
    if (!source.exactPersons && answer.some((row) => row.persons < options.minCellSize)) continue;
    rows = answer;
    factsAsOf = filledAt;
    query.fromFacts = source;
    break;
  }
  rows ??= await cube(db, query, mode);

  // Suppression (issue 12): for everyone who may not read the personal data of every person of the report;
  // for those who may, still for a small cell holding a person without consent (nobody sees their data).
  const n = input.dimensions.length;
  const cells = rows.map((row) => ({
    coords: row.keys,
    rolledUp: row.keys.map((_, index) => (row.grouping & (1 << (n - 1 - index))) !== 0),
    persons: row.persons,
    unconsented: row.unconsented,
  }));
  const hidden = suppressCells(cells, options.minCellSize, {
    exempt: plan.dataset.personal === false || policy.readsPersonalDataOfAll(units),
  });

  const grand = rows.findIndex((row) => row.grouping === (1 << n) - 1);
  const grandPersons = grand >= 0 && !hidden.has(grand) ? rows[grand]!.persons : null;
  return { plan, query, rows, cells, hidden, grandPersons, factsAsOf };
}

/** A share of persons as the table shows it: of the grand total, in per cent to three decimals. */
export function shareOfPersons(persons: number, grandPersons: number): number {
  return Math.round((1000 * 100 * persons) / grandPersons) / 1000;
}

export async function buildReport(
  db: Executor,
  policy: AnalyticsPolicy,
  input: ReportInput,
  options: ReportOptions,
): Promise<ReportTable> {
  const { plan, rows, cells, hidden, grandPersons, factsAsOf } = await decideReport(db, policy, input, options);
  const n = input.dimensions.length;

  const labelMaps = await Promise.all(
    input.dimensions.map(async (id, index) => {
      const dimension = DIMENSIONS[id];
      if (dimension.fixedLabels) return new Map(Object.entries(dimension.fixedLabels));
      if (!dimension.labels) return null;
      const keys = new Set<string>();
      for (const cell of cells) if (!cell.rolledUp[index] && cell.coords[index] !== null) keys.add(cell.coords[index]!);
      return labels(db, dimension.labels, [...keys]);
    }),
  );

  const laidOut = rows.map((row, index) => {
    const suppressed = hidden.has(index);
    const dimensionCells: ReportCell[] = input.dimensions.map((_, d) => {
      const total = cells[index]!.rolledUp[d]!;
      const key = total ? null : row.keys[d]!;
      const label = total ? 'Итого' : key === null ? 'Не указано' : (labelMaps[d]?.get(key) ?? key);
      return { key, label, value: null, suppressed: false, total };
    });
    const measureCells: ReportCell[] = input.measures.map((id) => {
      let value = id === 'SHARE_OF_PERSONS' ? null : (row.values[id] ?? null);
      if (id === 'SHARE_OF_PERSONS' && grandPersons) value = shareOfPersons(row.persons, grandPersons);
      // A share of a hidden grand total would give the total away.
      const hide = suppressed || (id === 'SHARE_OF_PERSONS' && grandPersons === null);
      return { key: null, label: null, value: hide ? null : value, suppressed: hide, total: false };
    });
    return { detail: row.grouping === 0, row, cells: [...dimensionCells, ...measureCells] };
  });

  const details = laidOut.filter((entry) => entry.detail);
  const compare = (a: (typeof details)[number], b: (typeof details)[number]) => {
    for (const entry of plan.sort) {
      const column = entry.dimension
        ? input.dimensions.indexOf(entry.dimension)
        : n + input.measures.indexOf(entry.measure!);
      const x = entry.dimension ? a.cells[column]!.label : a.cells[column]!.value;
      const y = entry.dimension ? b.cells[column]!.label : b.cells[column]!.value;
      // Hidden values sort as if absent, so the order does not hint at them.
      const order =
        x === y
          ? 0
          : x === null
            ? 1
            : y === null
              ? -1
              : typeof x === 'number' && typeof y === 'number'
                ? x - y
                : String(x).localeCompare(String(y), 'ru', { numeric: true });
      if (order !== 0) return entry.descending && x !== null && y !== null ? -order : order;
    }
    for (let d = 0; d < n; d++) {
      const order = String(a.cells[d]!.label).localeCompare(String(b.cells[d]!.label), 'ru', { numeric: true });
      if (order !== 0) return order;
    }
    // Same names (two schools' «1 четверть»): by key, so the order never depends on how the rows were read.
    for (let d = 0; d < n; d++) {
      const x = a.cells[d]!.key ?? '';
      const y = b.cells[d]!.key ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  details.sort(compare);
  const totals = laidOut
    .filter((entry) => !entry.detail)
    .sort((a, b) => b.row.grouping - a.row.grouping || compare(a, b));

  const anyHidden = laidOut.some((entry) => entry.cells.some((cell) => cell.suppressed));
  return {
    dataset: input.dataset,
    columns: reportColumns(input),
    rows: details.slice(0, plan.limit).map((entry) => ({ cells: entry.cells })),
    totals: totals.map((entry) => ({ cells: entry.cells })),
    rowCount: details.length,
    minCellSize: options.minCellSize,
    suppressed: anyHidden,
    note: anyHidden ? suppressionNote(options.minCellSize) : null,
    factsAsOf,
  };
}
