/**
 * The table behind each kind of extra-education row, parents before children: the order `seedDemoRegion`
 * inserts in. `programmes.funding` is an enum array, which the unnest-based `insertRows` cannot bind, so the
 * tables go through drizzle (a few hundred rows at most).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../client.ts';
import { groups, programmes } from '../../extra-education.ts';
import type { ExtraEducationRows } from './types.ts';

export const EXTRA_EDUCATION_TABLES: { readonly [K in keyof ExtraEducationRows]: PgTable } = { programmes, groups };

const ROWS_PER_STATEMENT = 1_000;

export async function insertExtraEducation(db: Executor, rows: ExtraEducationRows): Promise<void> {
  for (let start = 0; start < rows.programmes.length; start += ROWS_PER_STATEMENT)
    await db.insert(programmes).values(rows.programmes.slice(start, start + ROWS_PER_STATEMENT));
  for (let start = 0; start < rows.groups.length; start += ROWS_PER_STATEMENT)
    await db.insert(groups).values(rows.groups.slice(start, start + ROWS_PER_STATEMENT));
}
