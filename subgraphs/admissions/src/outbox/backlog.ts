/**
 * The outbox backlog on `/metrics` (issue 10 §4): messages waiting for delivery and dead ones, per event.
 * A growing `pending` means ЕПГУ or the movement book is not taking them; any `dead` needs a person
 * (worker.ts: revive by hand). Counted when Prometheus scrapes, over the partial index of undelivered rows.
 */
import type { Database } from '@region/db';
import { admissionsTables } from '@region/db';
import { sampledGauge, type ServiceMetrics } from '@region/kit';
import { count, isNull, sql } from 'drizzle-orm';
import { DEAD_AT, type OutboxEvent } from './worker.ts';

const { outbox } = admissionsTables;
const EVENTS: readonly OutboxEvent[] = ['STATUS_CHANGED', 'ENROLMENT_REQUESTED'];
const STATES = ['pending', 'dead'] as const;

export async function outboxBacklog(db: Database) {
  return db
    .select({
      event: outbox.event,
      state: sql<
        'pending' | 'dead'
      >`case when ${outbox.nextAttemptAt} >= ${DEAD_AT.toISOString()} then 'dead' else 'pending' end`,
      messages: count(),
    })
    .from(outbox)
    .where(isNull(outbox.deliveredAt))
    .groupBy(sql`1`, sql`2`);
}

export function outboxMetrics(db: Database) {
  return (metrics: ServiceMetrics) =>
    sampledGauge(
      metrics,
      {
        name: 'outbox_messages',
        help: 'Undelivered outbox messages by event and state (pending: waiting or retrying; dead: given up).',
        labelNames: ['event', 'state'] as const,
      },
      async () => {
        const rows = await outboxBacklog(db);
        // Every event and state is reported, so an empty outbox reads 0 rather than no series.
        return EVENTS.flatMap((event) =>
          STATES.map((state) => ({
            labels: { event, state },
            value: rows.find((row) => row.event === event && row.state === state)?.messages ?? 0,
          })),
        );
      },
    );
}
