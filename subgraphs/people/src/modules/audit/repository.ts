/** The change history's SQL (STYLE.md: repositories are plain functions). */
import { tables, type Executor } from '@region/db';
import { desc, eq } from 'drizzle-orm';

const { history } = tables;

export type HistoryEntryRow = typeof history.$inferSelect;

/** One entity's history, newest first. */
export function historyOfEntity(db: Executor, entityId: string, limit: number) {
  return db
    .select()
    .from(history)
    .where(eq(history.entityId, entityId))
    .orderBy(desc(history.changedAt), desc(history.id))
    .limit(limit);
}
