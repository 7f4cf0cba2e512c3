/**
 * The table behind each kind of admissions row, parents before children: the order `seedDemoRegion` inserts
 * in. `applications` holds a text[] column (`priority_rights`), which the unnest-based `insertRows` cannot
 * bind, so it goes through drizzle in batches; every other table through `insertRows`.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  applicationChoices,
  applications,
  campaigns,
  outbox,
  places,
  queuePositions,
  statusHistory,
  territories,
} from '../../admissions.ts';
import type { Executor } from '../../client.ts';
import { insertRows } from '../insert-rows.ts';
import type { AdmissionsRows } from './types.ts';

export const ADMISSIONS_TABLES: { readonly [K in keyof AdmissionsRows]: PgTable } = {
  campaigns,
  places,
  territories,
  applications,
  applicationChoices,
  statusHistory,
  outbox,
  queuePositions,
};

/** 26 columns a row: 2,000 rows a statement stay far under PostgreSQL's 65,535 bind parameters. */
const APPLICATIONS_PER_STATEMENT = 2_000;

export async function insertAdmissions(db: Executor, rows: AdmissionsRows): Promise<void> {
  for (const table of Object.keys(ADMISSIONS_TABLES) as (keyof AdmissionsRows)[]) {
    if (table !== 'applications') {
      await insertRows(db, ADMISSIONS_TABLES[table], rows[table]);
      continue;
    }
    for (let start = 0; start < rows.applications.length; start += APPLICATIONS_PER_STATEMENT)
      await db.insert(applications).values(rows.applications.slice(start, start + APPLICATIONS_PER_STATEMENT));
  }
}
