/**
 * The «Моя школа» / ЕПГУ data mart (issue 14 §3): what the mart worker (`learning-mart`) has cut from
 * learning's change log and sends to the federal receiver. A batch is one organization's records of one
 * range of the log, written in the same transaction that moves the cursor, so a retry re-sends the very same
 * batch under the same id (the receiver's idempotency key). The delivery report is read from here.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { learning } from './common.ts';

/** Where the mart stands in each feed it follows (`learning` — the own log, `people` — consent tombstones). */
export const martCursors = learning.table('mart_cursors', {
  feed: text('feed').primaryKey(),
  cursor: text('cursor').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One record the receiver refused, with its code and reason (the delivery report's «отклонено»). */
export interface MartRefusal {
  type: string;
  id: string;
  code: string;
  reason: string;
}

/** A batch of one organization: `PENDING` until the receiver answers, then `DELIVERED`, or `DEAD` (refused whole). */
export const martBatches = learning.table(
  'mart_batches',
  {
    /** `<organization>:<from cursor>..<to cursor>`: the receiver's `Idempotency-Key`. */
    id: text('id').primaryKey(),
    /** Build order: an organization's batches are delivered in it, one at a time. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull(),
    fromCursor: text('from_cursor').notNull(),
    toCursor: text('to_cursor').notNull(),
    /** The records as sent (federal format, pseudonymous person ids; no names, documents or contacts). */
    records: jsonb('records').notNull().$type<unknown[]>(),
    recordCount: integer('record_count').notNull(),
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    acceptedCount: integer('accepted_count'),
    refusals: jsonb('refusals').notNull().$type<MartRefusal[]>().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mart_batches_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'PENDING'`),
    index('mart_batches_organization_idx').on(t.organizationId, t.seq),
  ],
);

/**
 * Learners whose consent to processing was withdrawn (rule 5): the mart sent their deletion and sends
 * nothing more of theirs until a consent is granted again. Keyed by the person, no other data.
 */
export const martWithdrawn = learning.table('mart_withdrawn', {
  personId: uuid('person_id').primaryKey(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull().defaultNow(),
});
