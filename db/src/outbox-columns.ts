/**
 * The columns every outbox table carries for the kit's outbox worker (`subgraphs/kit/src/outbox`): the message
 * (`event`, `payload`), its attempts and next try, the last error, when it was delivered, and the delivering
 * worker's lease — `locked_until`: a message is claimed in one short transaction and delivered outside any
 * transaction, so no row lock tells other workers it is taken; until this moment no other worker claims it.
 * Each outbox adds its own id and ordering key before these (admissions: the application, extra education: the
 * contract or application, learning: the learner or lesson, people: the addressee).
 */
import { integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

export function outboxDeliveryColumns() {
  return {
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  };
}
