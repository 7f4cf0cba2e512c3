/**
 * The kindergarten queue (DOMAIN.md rule 18): each child's place in every chosen kindergarten, ordered by
 * preferential rights and then by the moment of registration, recomputed in the transaction of each change
 * of the queue, with the reason of every move kept and shown to the parent.
 */
import type { Executor } from '@region/db';
import { currentPositions, insertPosition, lockQueue, retirePositions, waitingInQueueOrder } from './repository.ts';

export { positionsOf } from './repository.ts';

/** Statuses that keep a child in the queue. */
const WAITING = ['SUBMITTED', 'UNDER_REVIEW', 'DOCUMENTS_REQUESTED', 'ACCEPTED'] as const;

export type QueueCause = 'REGISTERED' | 'LEFT';

const REASONS = {
  NEW: 'Постановка на учёт',
  UP: 'Выбыл ребёнок, стоявший в очереди выше',
  DOWN: 'Поставлен на учёт ребёнок с преимущественным правом',
} as const;

/** Recomputes the queue of these kindergartens and records every position that changed. */
export async function recalculateQueues(tx: Executor, organizationIds: readonly string[], now: Date): Promise<void> {
  for (const organizationId of [...organizationIds].sort()) {
    // One recomputation of a kindergarten's queue at a time (sorted ids: no deadlock between two).
    await lockQueue(tx, organizationId);
    const waiting = await waitingInQueueOrder(tx, organizationId, WAITING);
    const current = await currentPositions(tx, organizationId);
    const before = new Map(current.map((row) => [row.applicationId, row]));
    const stillWaiting = new Set(waiting.map((row) => row.id));
    // Those who left the queue keep their last position as history.
    const left = current.filter((row) => !stillWaiting.has(row.applicationId)).map((row) => row.id);
    if (left.length) await retirePositions(tx, left);
    for (const [index, { id }] of waiting.entries()) {
      const position = index + 1;
      const previous = before.get(id);
      if (previous?.position === position) continue;
      if (previous) await retirePositions(tx, [previous.id]);
      const reason = !previous ? REASONS.NEW : position < previous.position ? REASONS.UP : REASONS.DOWN;
      await insertPosition(tx, {
        applicationId: id,
        organizationId,
        position,
        previousPosition: previous?.position ?? null,
        reason,
        current: true,
        changedAt: now,
      });
    }
  }
}
