/** The history table (rule 6): rows written in the caller's transaction, the one of the change itself. */
import { tables, type Executor } from '@region/db';

export type NewHistoryRow = typeof tables.history.$inferInsert;

/** One statement for all the rows; callers skip it when there are none. */
export async function insertHistoryRows(tx: Executor, rows: readonly NewHistoryRow[]): Promise<void> {
  await tx.insert(tables.history).values([...rows]);
}
