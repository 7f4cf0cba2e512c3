/**
 * The outbox backlog on `/metrics` (issue 10 §4): messages waiting for delivery and dead ones, per event.
 * A growing `pending` means a receiver (ЕПГУ, the movement book…) is not taking them; any `dead` needs a
 * person (worker.ts: revive by hand). Counted when Prometheus scrapes, over the partial index of
 * undelivered rows.
 */
import type { Database } from '@region/db';
import { count, isNull, sql } from 'drizzle-orm';
import { sampledGauge, type ServiceMetrics } from '../metrics.ts';
import { DEAD_AT, type OutboxTable } from './worker.ts';

const STATES = ['pending', 'dead'] as const;

export async function outboxBacklog(db: Database, { table: outbox }: OutboxTable) {
  return db
    .select({
      event: sql<string>`${outbox.event}`,
      state: sql<
        'pending' | 'dead'
      >`case when ${outbox.nextAttemptAt} >= ${DEAD_AT.toISOString()} then 'dead' else 'pending' end`,
      messages: count(),
    })
    .from(outbox)
    .where(isNull(outbox.deliveredAt))
    .groupBy(sql`1`, sql`2`);
}

/**
 * The `outbox_messages` gauge of a subgraph's outbox, for `defineSubgraph({ metrics })`. `events`: every
 * event the subgraph writes, so an empty outbox reads 0 rather than no series.
 */
export function outboxMetrics(db: Database, outbox: OutboxTable, events: readonly string[]) {
  return (metrics: ServiceMetrics) =>
    sampledGauge(
      metrics,
      {
        name: 'outbox_messages',
        help: 'Undelivered outbox messages by event and state (pending: waiting or retrying; dead: given up).',
        labelNames: ['event', 'state'] as const,
      },
      async () => {
        const rows = await outboxBacklog(db, outbox);
        return events.flatMap((event) =>
          STATES.map((state) => ({
            labels: { event, state },
            value: rows.find((row) => row.event === event && row.state === state)?.messages ?? 0,
          })),
        );
      },
    );
}
