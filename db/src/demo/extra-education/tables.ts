/**
 * The table behind each kind of extra-education row, parents before children: the order `seedDemoRegion`
 * inserts in. `programmes.funding` is an enum array, which the unnest-based `insertRows` cannot bind, so the
 * tables go through drizzle (a few thousand rows at most).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../client.ts';
import {
  applicationStatusHistory,
  applications,
  certificateStatusChanges,
  certificates,
  contracts,
  fundingPeriods,
  groups,
  ledgerEntries,
  programmes,
} from '../../extra-education.ts';
import type { ExtraEducationRows } from './types.ts';

export const EXTRA_EDUCATION_TABLES: { readonly [K in keyof ExtraEducationRows]: PgTable } = {
  programmes,
  groups,
  fundingPeriods,
  certificates,
  certificateStatusChanges,
  extraApplications: applications,
  extraApplicationStatusHistory: applicationStatusHistory,
  contracts,
  ledgerEntries,
};

const ROWS_PER_STATEMENT = 1_000;

async function insertAll<T extends PgTable>(db: Executor, table: T, list: readonly T['$inferInsert'][]) {
  for (let start = 0; start < list.length; start += ROWS_PER_STATEMENT)
    await db.insert(table).values(list.slice(start, start + ROWS_PER_STATEMENT));
}

export async function insertExtraEducation(db: Executor, rows: ExtraEducationRows): Promise<void> {
  await insertAll(db, programmes, rows.programmes);
  await insertAll(db, groups, rows.groups);
  await insertAll(db, fundingPeriods, rows.fundingPeriods);
  await insertAll(db, certificates, rows.certificates);
  await insertAll(db, certificateStatusChanges, rows.certificateStatusChanges);
  await insertAll(db, applications, rows.extraApplications);
  await insertAll(db, applicationStatusHistory, rows.extraApplicationStatusHistory);
  await insertAll(db, contracts, rows.contracts);
  await insertAll(db, ledgerEntries, rows.ledgerEntries);
}
