/**
 * The transactional outbox's delivery worker (DOMAIN.md rule 17; a kit part since issue 10 §2): a subgraph
 * writes a message into its outbox table in the transaction of the change, and a worker delivers it, with
 * its attempts and results. The table is the subgraph's own (`OutboxTable`: its columns, one of them the
 * aggregate whose messages are delivered in order); admissions' is `admissions.outbox` (aggregate
 * `application_id`).
 *
 * One run (`runOnce`) holds no transaction open while it talks to the receiver (issue 10: a slow receiver
 * must not pin database connections and row locks):
 *  1. claim, in one short transaction: the due messages of its event — `delivered_at is null and
 *     next_attempt_at <= now` and no live lease (`locked_until` null or past), oldest (lowest id) first, at
 *     most `batchSize` — selected `FOR UPDATE SKIP LOCKED` (two workers claiming at the same moment skip
 *     each other's rows) and leased: `locked_until = now + leaseMs`. The commit ends the row locks; the
 *     lease keeps every other worker, in this process or another, away from the message;
 *  2. deliver outside any transaction (up to `concurrency` at a time: a batch holds at most one message per
 *     aggregate);
 *  3. record each result in its own short statement, clearing the lease: success sets `delivered_at`; a
 *     failure adds an attempt, `last_attempt_at`, `last_error` (at most 1000 characters) and the next
 *     attempt after `backoff(attempts)`.
 * A worker that dies between claim and record leaves its messages leased: they are claimed again once the
 * lease has passed. Delivery is at least once, and the receiver drops duplicates by the message id (the
 * ЕПГУ client sends it as `Idempotency-Key`) or by a key in the payload (the movement book). The lease must
 * outlast a batch's deliveries (timeouts × batchSize / concurrency), or a second worker could deliver a
 * message still in flight.
 *
 * Order per aggregate: a message is claimed only when no older undelivered message of the same aggregate
 * and event exists (`not exists` in the claim), so ЕПГУ never sees DIRECTED before ACCEPTED. A message
 * waiting for its backoff, or dead, holds back the later ones of its aggregate.
 *
 * Events: a worker delivers one event, to one receiver. Rows of other events are left untouched (neither
 * claimed nor counted, and they do not hold back this event's messages) for a worker of their own.
 *
 * Dead messages: after a permanent failure (the deliverer throws `DeliveryError` with `permanent`) or after
 * `maxAttempts` failed attempts (20 by default, ≈14 hours with the default backoff) the message is not
 * retried: `next_attempt_at` is set to `DEAD_AT` (9999-12-31, out of every claim), `last_error` starts with
 * `dead: `, and an error is logged. It stays undelivered, so it keeps holding back the later messages of
 * its aggregate (order matters more than freshness); an operator who fixed the cause revives it with
 * `update <schema>.outbox set next_attempt_at = now(), last_error = null where id = …` (attempts may be
 * reset too).
 */
import { qualified, type Database } from '@region/db';
import { and, asc, eq, getTableName, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from '../logger.ts';

/** The columns the worker reads and writes, by their property names on the drizzle table, with their data. */
export interface OutboxColumns {
  id: AnyPgColumn<{ data: number; notNull: true }>;
  event: AnyPgColumn<{ data: string; notNull: true }>;
  payload: AnyPgColumn<{ data: unknown }>;
  createdAt: AnyPgColumn<{ data: Date; notNull: true }>;
  attempts: AnyPgColumn<{ data: number; notNull: true }>;
  nextAttemptAt: AnyPgColumn<{ data: Date }>;
  lastAttemptAt: AnyPgColumn<{ data: Date }>;
  lastError: AnyPgColumn<{ data: string }>;
  deliveredAt: AnyPgColumn<{ data: Date }>;
  lockedUntil: AnyPgColumn<{ data: Date }>;
}

/**
 * A subgraph's outbox table: a drizzle table with the columns of `OutboxColumns` (`id` a bigserial in number
 * mode; the timestamps with time zone; `payload` jsonb) plus the column of the aggregate whose messages go out
 * in order (a uuid). Indexes it should have: `(next_attempt_at) where delivered_at is null` and
 * `(<aggregate>, event, id) where delivered_at is null` (see `admissions.outbox` in `db/src/admissions.ts`).
 */
export interface OutboxTable {
  table: PgTable & OutboxColumns;
  aggregate: AnyPgColumn<{ data: string; notNull: true }>;
}

/** The outbox description of a drizzle table and its aggregate column, checked by the type system. */
export function outboxTable(table: PgTable & OutboxColumns, aggregate: OutboxTable['aggregate']): OutboxTable {
  if (aggregate.table !== table) throw new Error(`The aggregate column is not a column of ${getTableName(table)}.`);
  return { table, aggregate };
}

/** A claimed outbox row, as handed to the deliverer. */
export interface OutboxMessage {
  id: number;
  /** The aggregate the message is about (admissions: the application). */
  aggregateId: string;
  event: string;
  payload: unknown;
  /** Failed attempts before this one. */
  attempts: number;
  createdAt: Date;
}

/** Delivers one message: resolves when the receiver has it, throws otherwise (see `DeliveryError`). */
export type Deliver = (message: OutboxMessage) => Promise<void>;

/**
 * A failed delivery. `permanent`: retrying cannot help (the receiver refused the message), so the message
 * is dead at once. Any other thrown value is a retryable failure.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
  }
}

/** Milliseconds to wait before the next attempt, given the failed attempts so far (1 after the first). */
export type Backoff = (attempts: number) => number;

export interface ExponentialBackoffOptions {
  /** The wait after the first failure; doubles with each further failure. Default 30 s. */
  baseMs?: number;
  /** The longest wait. Default 1 hour. */
  capMs?: number;
  /** Share of the wait taken off at random, so workers retrying together spread out. Default 0.2. */
  jitter?: number;
  /** [0, 1); injectable for tests. Default `Math.random`. */
  random?: () => number;
}

/**
 * 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min, then 1 h for every later attempt; each wait is
 * shortened by up to `jitter` of itself (so 1 h is never exceeded): wait = nominal × (1 − jitter × random).
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): Backoff {
  const { baseMs = 30_000, capMs = 3_600_000, jitter = 0.2, random = Math.random } = options;
  return (attempts) => {
    const exponent = Math.max(0, attempts - 1);
    // 2 ** exponent overflows to Infinity for huge exponents, which the cap absorbs.
    const nominal = Math.min(capMs, baseMs * 2 ** exponent);
    return Math.round(nominal * (1 - jitter * random()));
  };
}

export const DEFAULT_MAX_ATTEMPTS = 20;
/** `next_attempt_at` of a dead message: never due. */
export const DEAD_AT = new Date('9999-12-31T00:00:00Z');
/** `last_error` of a dead message starts with this. */
export const DEAD_PREFIX = 'dead: ';
export const MAX_ERROR_LENGTH = 1000;

export interface OutboxWorkerOptions {
  db: Database;
  /** The subgraph's outbox table. */
  outbox: OutboxTable;
  deliver: Deliver;
  logger: Logger;
  now?: () => Date;
  /** Messages claimed per run. Default 50. */
  batchSize?: number;
  /** Default `exponentialBackoff()`. */
  backoff?: Backoff;
  /** Failed attempts after which a message is dead. Default 20. */
  maxAttempts?: number;
  /** Deliveries in flight at once within a run. Default 8. */
  concurrency?: number;
  /** The event this worker delivers. */
  event: string;
  /** How long a claimed message stays this worker's before another may claim it. Default 5 minutes. */
  leaseMs?: number;
}

export interface RunResult {
  delivered: number;
  failed: number;
}

export interface OutboxWorker {
  /** One claim–deliver–record pass. Safe to call from several workers and processes at once. */
  runOnce(): Promise<RunResult>;
  /**
   * Runs now, then `intervalMs` after the end of each run (at once after a full batch); runs never
   * overlap. Errors of a run are logged and the loop goes on.
   */
  start(intervalMs: number): void;
  /** Stops the loop and resolves once the run in progress (if any) has recorded its results. */
  stop(): Promise<void>;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}` || error.name;
  }
  return String(error);
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH) : text;
}

/** Runs `work` over `items` with at most `limit` in flight; results in the order of `items`. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const {
    db,
    deliver,
    logger,
    now = () => new Date(),
    batchSize = 50,
    backoff = exponentialBackoff(),
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    concurrency = 8,
    event,
    outbox: { table: outbox, aggregate },
    leaseMs = 5 * 60_000,
  } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive integer');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a positive integer');
  if (!(leaseMs > 0)) throw new Error('leaseMs must be positive');

  const inFlight = new Set<Promise<RunResult>>();
  let running = false;
  /** Bumped by each start and stop, so a run of an earlier loop never schedules the next one. */
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;

  async function attempt(message: OutboxMessage): Promise<Outcome> {
    try {
      await deliver(message);
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** Step 1: one short transaction that selects the due messages and leases them. */
  function claim(): Promise<OutboxMessage[]> {
    return db.transaction(async (tx) => {
      const claimedAt = now();
      // No older undelivered message of the same aggregate and event: the head of each aggregate's queue
      // only. Outer columns are qualified, or the bare names would bind to `older`.
      const older = (column: AnyPgColumn) => sql`older.${sql.identifier(column.name)}`;
      const headOfAggregate = sql`not exists (
        select 1 from ${outbox} as older
        where ${older(aggregate)} = ${qualified(aggregate)}
          and ${older(outbox.event)} = ${qualified(outbox.event)}
          and ${older(outbox.deliveredAt)} is null
          and ${older(outbox.id)} < ${qualified(outbox.id)})`;
      const due: OutboxMessage[] = await tx
        .select({
          id: outbox.id,
          aggregateId: aggregate,
          event: outbox.event,
          payload: outbox.payload,
          attempts: outbox.attempts,
          createdAt: outbox.createdAt,
        })
        .from(outbox)
        .where(
          and(
            isNull(outbox.deliveredAt),
            eq(outbox.event, event),
            lte(outbox.nextAttemptAt, claimedAt),
            or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, claimedAt)),
            headOfAggregate,
          ),
        )
        // Ids, not created_at: created_at is the time the writing transaction began, while the ids of one
        // aggregate follow the order of its changes (the subgraph serializes them, e.g. by the aggregate's
        // row lock).
        .orderBy(asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (due.length > 0) {
        await tx
          .update(outbox)
          .set({ lockedUntil: new Date(claimedAt.getTime() + leaseMs) })
          .where(
            inArray(
              outbox.id,
              due.map((message) => message.id),
            ),
          );
      }
      return due;
    });
  }

  /** Step 3: the result of one delivery, clearing its lease; a single statement, so no transaction stays open. */
  async function record(message: OutboxMessage, outcome: Outcome, attemptedAt: Date): Promise<void> {
    if (outcome.ok) {
      await db
        .update(outbox)
        .set({ deliveredAt: attemptedAt, lastAttemptAt: attemptedAt, lockedUntil: null })
        .where(eq(outbox.id, message.id));
      return;
    }
    const attempts = message.attempts + 1;
    const permanent = outcome.error instanceof DeliveryError && outcome.error.permanent;
    const reason = describeError(outcome.error);
    const dead = permanent || attempts >= maxAttempts;
    const nextAttemptAt = dead ? DEAD_AT : new Date(attemptedAt.getTime() + Math.max(0, backoff(attempts)));
    await db
      .update(outbox)
      .set({
        attempts,
        lastAttemptAt: attemptedAt,
        lastError: truncate(
          dead ? `${DEAD_PREFIX}${permanent ? 'refused' : `${attempts} attempts`}: ${reason}` : reason,
        ),
        nextAttemptAt,
        lockedUntil: null,
      })
      .where(eq(outbox.id, message.id));
    const context = { outboxId: message.id, aggregateId: message.aggregateId, event: message.event, attempts };
    if (dead) {
      logger.error(
        { ...context, error: reason, permanent },
        'outbox message is dead: not retried, later messages of its aggregate wait for it',
      );
    } else {
      logger.warn({ ...context, error: reason, nextAttemptAt }, 'outbox delivery failed, will retry');
    }
  }

  async function run(): Promise<RunResult> {
    const due = await claim();
    if (due.length === 0) return { delivered: 0, failed: 0 };
    // Step 2: outside any transaction.
    const outcomes = await mapLimit(due, concurrency, attempt);
    const attemptedAt = now();
    let delivered = 0;
    let failed = 0;
    for (const [index, message] of due.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.ok) delivered++;
      else failed++;
      await record(message, outcome, attemptedAt);
    }
    return { delivered, failed };
  }

  function runOnce(): Promise<RunResult> {
    const current = run();
    inFlight.add(current);
    const forget = () => inFlight.delete(current);
    current.then(forget, forget);
    return current;
  }

  async function tick(intervalMs: number, loop: number): Promise<void> {
    timer = undefined;
    let full = false;
    try {
      const result = await runOnce();
      full = result.delivered + result.failed >= batchSize;
      if (result.delivered || result.failed) logger.info({ event, ...result }, 'outbox run');
    } catch (error) {
      logger.error({ event, error: describeError(error) }, 'outbox run failed');
    }
    if (!running || loop !== generation) return;
    timer = setTimeout(() => void tick(intervalMs, loop), full ? 0 : intervalMs);
    timer.unref();
  }

  return {
    runOnce,
    start(intervalMs) {
      if (running) throw new Error('The outbox worker is already started.');
      running = true;
      void tick(intervalMs, ++generation);
    },
    async stop() {
      running = false;
      generation++;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
