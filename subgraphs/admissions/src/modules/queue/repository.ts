/** The kindergarten queue's SQL (STYLE.md: repositories are plain functions; the rules live in service.ts). */
import { admissionsTables, type Executor } from '@region/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

const { applications, applicationChoices, queuePositions } = admissionsTables;

export type QueuePositionRow = typeof queuePositions.$inferSelect;

/** Serializes the recomputations of one kindergarten's queue until the transaction ends. */
export async function lockQueue(tx: Executor, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`queue:${organizationId}`}))`);
}

/**
 * The kindergarten applications choosing the organization in one of `statuses`, in queue order: preferential
 * rights first, then the moment of registration (rule 18).
 */
export function waitingInQueueOrder(
  tx: Executor,
  organizationId: string,
  statuses: readonly (typeof applications.$inferSelect)['status'][],
) {
  return tx
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(applicationChoices, eq(applicationChoices.applicationId, applications.id))
    .where(
      and(
        eq(applicationChoices.organizationId, organizationId),
        eq(applications.kind, 'KINDERGARTEN'),
        inArray(applications.status, [...statuses]),
      ),
    )
    .orderBy(sql`${applications.category} = 'PRIORITY' desc`, asc(applications.registeredAt), asc(applications.id));
}

export function currentPositions(tx: Executor, organizationId: string) {
  return tx
    .select()
    .from(queuePositions)
    .where(and(eq(queuePositions.organizationId, organizationId), eq(queuePositions.current, true)));
}

/** Positions no longer current stay as history. */
export async function retirePositions(tx: Executor, ids: readonly number[]): Promise<void> {
  await tx
    .update(queuePositions)
    .set({ current: false })
    .where(inArray(queuePositions.id, [...ids]));
}

export async function insertPosition(tx: Executor, values: typeof queuePositions.$inferInsert): Promise<void> {
  await tx.insert(queuePositions).values(values);
}

export function positionsOf(db: Executor, applicationIds: readonly string[]) {
  return db
    .select()
    .from(queuePositions)
    .where(inArray(queuePositions.applicationId, [...applicationIds]))
    .orderBy(sql`${queuePositions.changedAt} desc`, sql`${queuePositions.id} desc`);
}
