/** The delivery report's reads over the mart's batches (`learning.mart_batches`, written by `src/mart/`). */
import { learningTables, type Executor } from '@region/db';
import { desc, eq, sql } from 'drizzle-orm';

const { martBatches } = learningTables;

/** The delivery report of one organization: totals over all its batches and its newest batches. */
export async function deliveryTotals(db: Executor, organizationId: string) {
  const [row] = await db
    .select({
      sent: sql<number>`coalesce(sum(${martBatches.acceptedCount}), 0)::int`,
      refused: sql<number>`coalesce(sum(jsonb_array_length(${martBatches.refusals})), 0)::int`,
      pending: sql<number>`(count(*) filter (where ${martBatches.status} = 'PENDING'))::int`,
      dead: sql<number>`(count(*) filter (where ${martBatches.status} = 'DEAD'))::int`,
      lastDeliveredAt: sql<Date | null>`max(${martBatches.deliveredAt})`,
    })
    .from(martBatches)
    .where(eq(martBatches.organizationId, organizationId));
  return row!;
}

export async function newestBatches(db: Executor, organizationId: string, first: number) {
  return db
    .select({
      id: martBatches.id,
      status: martBatches.status,
      createdAt: martBatches.createdAt,
      deliveredAt: martBatches.deliveredAt,
      attempts: martBatches.attempts,
      recordCount: martBatches.recordCount,
      acceptedCount: martBatches.acceptedCount,
      refusals: martBatches.refusals,
      lastError: martBatches.lastError,
    })
    .from(martBatches)
    .where(eq(martBatches.organizationId, organizationId))
    .orderBy(desc(martBatches.seq))
    .limit(first);
}
