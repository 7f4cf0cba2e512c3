/**
 * Writes a generated region into the `people` schema: one transaction, tables in foreign-key order,
 * multi-row inserts in batches that stay under PostgreSQL's 65,535 bind parameters.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../client.ts';
import {
  consentRequests,
  consents,
  employments,
  enrolments,
  esiaLinks,
  guardianships,
  movements,
  municipalities,
  organizations,
  persons,
  roleGrants,
} from '../people.ts';
import { generateRegion } from './generate.ts';
import type { DemoCatalog, DemoFaults, DemoRows, GenerateOptions } from './types.ts';

/** Every table the generator fills, parents before children. */
const TABLES: { readonly [K in keyof DemoRows]: PgTable } = {
  municipalities,
  organizations,
  persons,
  guardianships,
  employments,
  movements,
  enrolments,
  consents,
  consentRequests,
  esiaLinks,
  roleGrants,
};

const MAX_PARAMETERS = 60_000;

export type DemoCounts = { [K in keyof DemoRows]: number };

export interface SeedResult {
  counts: DemoCounts;
  faults: DemoFaults;
  catalog: DemoCatalog;
}

export async function seedDemoRegion(db: Database, options: GenerateOptions): Promise<SeedResult> {
  const region = generateRegion(options);
  await db.transaction(async (tx) => {
    for (const table of Object.keys(TABLES) as (keyof DemoRows)[])
      await insertRows(tx, TABLES[table], region.rows[table]);
  });
  return { counts: countRows(region.rows), faults: region.faults, catalog: region.catalog };
}

export function countRows(rows: DemoRows): DemoCounts {
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length])) as DemoCounts;
}

async function insertRows(db: Executor, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(table).values(rows.slice(start, start + batchSize));
  }
}

/** True when no region has been loaded yet: `npm start` seeds the demo only then. */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const [municipality] = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
  const [person] = await db.select({ id: persons.id }).from(persons).limit(1);
  return !municipality && !person;
}
