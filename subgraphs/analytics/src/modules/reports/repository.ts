/**
 * Reads of the read contract (`analytics_contract` views) for the report builder. SQL is assembled only
 * from the catalogue's fragments (`catalog.ts`); everything a caller sends is a parameter.
 */
import type { Database, Executor } from '@region/db';
import { addDays } from '@region/kit';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import {
  DATASETS,
  DIMENSIONS,
  MEASURES,
  type DatasetId,
  type DimensionId,
  type FactSource,
  type LabelSource,
  type MeasureId,
} from './catalog.ts';

/** A catalogue fragment's SQL with the age date (`$AGE_ON`) and the slice date (`$ON`) as parameters. */
function withDates(expression: string, ageOn: string, on: string | null): SQL {
  const parts = expression.split('$AGE_ON').map((part) => {
    const pieces = part.split('$ON');
    return sql.join(
      pieces.map((piece) => sql.raw(piece)),
      sql`${on}::date`,
    );
  });
  return sql.join(parts, sql`${ageOn}::date`);
}

export interface CubeQuery {
  dataset: DatasetId;
  dimensions: readonly DimensionId[];
  measures: readonly MeasureId[];
  filters: readonly { dimension: DimensionId; values: readonly (string | number)[] }[];
  /** A slice on a date, a range of dates, a campaign year, or every year (a year filter cuts it). */
  time: { on: string } | { from: string; to: string } | { year: number } | { all: true };
  ageOn: string;
  /** Null for the region; else the municipalities and organizations the rows must lie in. */
  scope: { municipalityIds: string[]; organizationIds: string[] } | null;
  /** Read this pre-aggregated fact of the dataset instead of its view (one `factSourcesFor` offered). */
  fromFacts?: FactSource | undefined;
}

export interface CubeRow {
  keys: (string | null)[];
  /** Bit i (from the left) set: dimension i rolled up. */
  grouping: number;
  persons: number;
  /** Persons of the cell without an active consent to processing. */
  unconsented: number;
  values: Record<string, number | null>;
}

/** The cube's statement: one row per cell, `d0…` the dimensions' keys, `g` the grouping bits. */
function cubeStatement(query: CubeQuery, mode: { personsOnly?: boolean | undefined }): SQL {
  const dataset = DATASETS[query.dataset];
  const on = 'on' in query.time ? query.time.on : null;
  const withAgeOn = (expression: string, ageOn: string) => withDates(expression, ageOn, on);
  const dimensionSql = (id: DimensionId, ageOn: string) => withAgeOn(DIMENSIONS[id].expression, ageOn);
  const facts = query.fromFacts;
  const source = facts ? facts.table : `analytics_contract.${dataset.view}`;
  const persons = facts ? facts.persons : `count(distinct ${dataset.personKey})`;
  const unconsented = facts ? facts.unconsented : `count(distinct ${dataset.personKey}) filter (where not f.consented)`;
  const aggregateOf = (id: MeasureId) => (facts ? facts.measures[id]! : MEASURES[id].aggregate!);
  const where: SQL[] = [];
  if (dataset.base) where.push(sql.raw(dataset.base));
  if ('on' in query.time) {
    where.push(
      sql`f.started_on <= ${query.time.on}::date and (f.ended_on is null or f.ended_on > ${query.time.on}::date)`,
    );
  } else if ('from' in query.time) {
    where.push(sql`f.date between ${query.time.from}::date and ${query.time.to}::date`);
  } else if ('year' in query.time) {
    where.push(sql`f.year = ${query.time.year}`);
  }
  if (query.scope) {
    const { municipalityIds, organizationIds } = query.scope;
    const parts: SQL[] = [];
    if (municipalityIds.length) parts.push(sql`f.municipality_id in ${municipalityIds}`);
    if (organizationIds.length) parts.push(sql`f.organization_id in ${organizationIds}`);
    where.push(parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
  }
  for (const filter of query.filters) {
    where.push(sql`(${dimensionSql(filter.dimension, query.ageOn)}) in ${filter.values}`);
  }
  // Grouped by the dimensions' own values (uuids, enums, numbers) and cast to text only in the cube's rows:
  // hashing a text cast of every row cost a quarter of a region-scale report (CONTINGENT by municipality ×
  // organization type × grade over 268k fact rows: 270 → 205 ms).
  const inner = sql`select f.*${sql.join(
    query.dimensions.map((id, index) => sql`, (${dimensionSql(id, query.ageOn)}) as ${sql.raw(`k${index}`)}`),
    sql``,
  )} from ${sql.raw(source)} f where ${sql.join(where, sql` and `)}`;
  const keys = query.dimensions.map((_, index) => sql.raw(`f.k${index}`));
  const dims = query.dimensions.map((_, index) => sql.raw(`(f.k${index})::text as d${index}`));
  const measures = (mode.personsOnly ? [] : query.measures)
    .filter((id) => MEASURES[id].aggregate !== null)
    .map((id) => sql`, ${withAgeOn(aggregateOf(id), query.ageOn)} as ${sql.raw(`m_${id.toLowerCase()}`)}`);
  return sql`select ${dims.length ? sql`${sql.join(dims, sql`, `)}, grouping(${sql.join(keys, sql`, `)})` : sql`0`} as g,
      ${sql.raw(persons)} as persons,
      ${sql.raw(unconsented)} as unconsented${sql.join(measures, sql``)}
    from (${inner}) f
    ${keys.length ? sql`group by cube (${sql.join(keys, sql`, `)})` : sql``}`;
}

/** Every grouping set of the chosen dimensions (`GROUP BY CUBE`): the detail cells and all their totals. */
export async function cube(
  db: Executor,
  query: CubeQuery,
  mode: { personsOnly?: boolean | undefined } = {},
): Promise<CubeRow[]> {
  const rows = await db.execute<Record<string, string | number | null>>(cubeStatement(query, mode));
  return [...rows].map((row) => cubeRowOf(query, row));
}

function cubeRowOf(query: CubeQuery, row: Record<string, unknown>): CubeRow {
  return {
    keys: query.dimensions.map((_, index) => (row[`d${index}`] === null ? null : String(row[`d${index}`]))),
    grouping: Number(row['g']),
    persons: Number(row['persons']),
    unconsented: Number(row['unconsented']),
    values: Object.fromEntries(
      query.measures.map((id) => {
        const value = row[`m_${id.toLowerCase()}`];
        return [id, value === null || value === undefined ? null : Number(value)];
      }),
    ),
  };
}

const dialect = new PgDialect();

interface CursorConnection {
  unsafe(text: string, params: unknown[]): { cursor(rows: number): AsyncIterable<Record<string, unknown>[]> };
  release(): void;
}
interface CursorClient {
  reserve(): Promise<CursorConnection>;
}

/**
 * The cube again, read through a database cursor `batch` rows at a time (issue 12: a file streams, whatever its
 * length), each cell with its dimensions' labels joined in SQL. Details come first, then the totals (the grand
 * total first); within each, by the labels (ICU Russian order) and the keys, or first by `orderBy`.
 */
export async function* cubeCursor(
  db: Database,
  query: CubeQuery,
  options: {
    batch: number;
    /** Columns to order by before the labels: a dimension (by its label) or a measure (`m_<id>`, `persons`). */
    orderBy?: readonly ({ dimension: number } | { column: string })[];
    descending?: readonly boolean[];
  },
): AsyncGenerator<(CubeRow & { labels: (string | null)[] })[]> {
  const joins: SQL[] = [];
  const labelColumns: SQL[] = [];
  const order: SQL[] = [sql`(c.g = 0) desc`, sql`c.g desc`];
  const labelled = (index: number) => {
    const source = DIMENSIONS[query.dimensions[index]!].labels;
    return source ? `l${index}.${source.label}` : `c.d${index}`;
  };
  (options.orderBy ?? []).forEach((entry, at) => {
    const direction = options.descending?.[at] ? 'desc' : 'asc';
    order.push(
      'dimension' in entry
        ? sql`${sql.raw(labelled(entry.dimension))} collate "ru-x-icu" ${sql.raw(direction)} nulls last`
        : sql`${sql.raw(`c.${entry.column}`)} ${sql.raw(direction)} nulls last`,
    );
  });
  query.dimensions.forEach((id, index) => {
    const source = DIMENSIONS[id].labels;
    if (source) {
      joins.push(
        sql`left join ${sql.raw(`analytics_contract.${source.view}`)} ${sql.raw(`l${index}`)} on ${sql.raw(`l${index}.${source.key}`)}::text = ${sql.raw(`c.d${index}`)}`,
      );
      labelColumns.push(sql`, ${sql.raw(`l${index}.${source.label}`)}::text as ${sql.raw(`l${index}`)}`);
      order.push(sql`${sql.raw(`l${index}.${source.label}`)} collate "ru-x-icu"`);
    } else {
      labelColumns.push(sql`, null::text as ${sql.raw(`l${index}`)}`);
    }
    order.push(sql`${sql.raw(`c.d${index}`)} collate "ru-x-icu"`);
  });
  const statement = sql`select c.*${sql.join(labelColumns, sql``)} from (${cubeStatement(query, {})}) c
    ${sql.join(joins, sql` `)} order by ${sql.join(order, sql`, `)}`;
  const { sql: text, params } = dialect.sqlToQuery(statement);
  // drizzle has no cursor: the `postgres` driver under it (`$client`) reads the statement `batch` rows at a time,
  // on a connection reserved for it (a cursor holds its connection anyway). The reserved handle is the driver's
  // own, not the one `observeStatements` wraps: that wrapper starts a query as a whole result on creation.
  const client = (db as Database & { $client: CursorClient }).$client;
  const reserved = await client.reserve();
  try {
    for await (const rows of reserved.unsafe(text, params).cursor(options.batch)) {
      yield rows.map((row) => ({
        ...cubeRowOf(query, row),
        labels: query.dimensions.map((_, index) => (row[`l${index}`] ?? null) as string | null),
      }));
    }
  } finally {
    reserved.release();
  }
}

/** Labels of the keys a report shows, from the contract view naming them. */
export async function labels(db: Executor, source: LabelSource, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.execute<{ key: string; label: string }>(
    sql`select ${sql.raw(source.key)}::text as key, ${sql.raw(source.label)} as label
      from ${sql.raw(`analytics_contract.${source.view}`)} where ${sql.raw(source.key)}::text in ${[...keys]}`,
  );
  return new Map([...rows].map((row) => [row.key, row.label]));
}

/** The municipality of each organization (for scope checks of filters). */
export async function organizationMunicipalities(
  db: Executor,
  organizationIds: readonly string[],
): Promise<Map<string, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db.execute<{ organization_id: string; municipality_id: string }>(
    sql`select organization_id, municipality_id from analytics_contract.organizations where organization_id in ${[...organizationIds]}`,
  );
  return new Map([...rows].map((row) => [row.organization_id, row.municipality_id]));
}

/** The organization of each class (for scope checks of filters). */
export async function classOrganizations(db: Executor, classIds: readonly string[]): Promise<Map<string, string>> {
  if (classIds.length === 0) return new Map();
  const rows = await db.execute<{ class_id: string; organization_id: string }>(
    sql`select class_id, organization_id from analytics_contract.classes where class_id in ${[...classIds]}`,
  );
  return new Map([...rows].map((row) => [row.class_id, row.organization_id]));
}

/**
 * The dataset's facts that can answer the report, the smallest first: every dimension and filter is the
 * fact's, every measure has a fact aggregate (a summary without exact persons answers no share of persons),
 * and a range covers whole months. Whether the fact was filled is asked of the database (`factFilledAt`).
 */
export function factSourcesFor(query: Omit<CubeQuery, 'fromFacts'>): FactSource[] {
  if ('from' in query.time) {
    const { from, to } = query.time;
    if (!from.endsWith('-01') || !addDays(to, 1).endsWith('-01')) return [];
  }
  return (DATASETS[query.dataset].facts ?? []).filter((facts) => {
    const covered = (id: DimensionId) => facts.dimensions.includes(id);
    if ('from' in query.time && !facts.monthly) return false;
    if (!query.dimensions.every(covered) || !query.filters.every((filter) => covered(filter.dimension))) return false;
    return query.measures.every((id) =>
      MEASURES[id].aggregate === null ? facts.exactPersons : facts.measures[id] !== undefined,
    );
  });
}

/** When the fact was last refreshed (null: never filled, so reports read the views). */
export async function factFilledAt(db: Executor, fact: FactSource['fact']): Promise<Date | null> {
  const rows = await db.execute<{ refreshed_at: Date | string }>(
    sql`select refreshed_at from analytics.fact_refresh where fact = ${fact}`,
  );
  const row = [...rows][0];
  return row ? new Date(row.refreshed_at) : null;
}
