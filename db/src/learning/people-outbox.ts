/**
 * Learning's outbox to people (issue 15 §1, «Notifications of the journal» in docs/architecture.md): a new or
 * corrected mark, an absence and new homework, written in the transaction of the journal change and delivered
 * by the `learning-people-outbox` worker to people's `recordJournalNotice` as the `learning-notifications`
 * service account; people turns each into notifications for the learner and their guardians. Its own table,
 * apart from any other delivery learning makes, so a slow receiver holds back only its own messages. Ordered
 * per learner (a homework notice: per lesson); the columns are the kit's outbox worker's.
 */
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, learning } from './common.ts';

export const peopleOutbox = learning.table(
  'people_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The learner a mark or absence is about, or the lesson of a homework notice. */
    aboutId: uuid('about_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    index('learning_people_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    index('learning_people_outbox_about_pending_idx')
      .on(t.aboutId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);
