/**
 * The kit's outbox worker on admissions' outbox, delivering to ЕПГУ, against a real PostgreSQL and a real local HTTP server playing ЕПГУ (rule 17):
 * retries with a growing, capped backoff and the same Idempotency-Key; refusals are not retried; order
 * per application; two workers never deliver a message twice; the loop never overlaps and stop() waits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, isNull, sql } from 'drizzle-orm';
import { admissionsTables, createDb, type DbHandle } from '@region/db';
import {
  createLogger,
  createOutboxWorker,
  DEAD_AT,
  DEAD_PREFIX,
  exponentialBackoff,
  type OutboxMessage,
  type OutboxWorkerOptions,
} from '@region/kit';
import { createTestDatabase, type TestDatabase } from '@region/tests/database';
import { epguDeliverer } from '../../src/outbox/epgu-client.ts';
import { admissionsOutbox } from '../../src/outbox/table.ts';
import {
  clockAt,
  enqueueEnrolment,
  enqueueStatusChange,
  newApplication,
  sleep,
  startFakeEpgu,
  until,
  type Clock,
  type FakeEpgu,
} from './fixtures.ts';

const { outbox } = admissionsTables;
const T0 = new Date('2027-06-30T06:00:00Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

let database: TestDatabase;
let admin: DbHandle;
/** The worker connects as the subgraph's own role, like in production. */
let service: DbHandle;
let epgu: FakeEpgu;
let clock: Clock;
const logger = createLogger('outbox-test', 'silent');

beforeAll(async () => {
  database = await createTestDatabase('empty');
  admin = database.admin();
  service = createDb(database.roleUrl('admissions'), { max: 4 });
  epgu = await startFakeEpgu();
});

afterAll(async () => {
  await epgu?.close();
  await service?.close();
  await database?.drop();
});

beforeEach(async () => {
  await admin.db.delete(outbox);
  epgu.requests.length = 0;
  epgu.reply = () => ({ status: 200 });
  clock = clockAt(T0);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function worker(options: Partial<OutboxWorkerOptions> = {}) {
  return createOutboxWorker({
    db: service.db,
    outbox: admissionsOutbox,
    event: 'STATUS_CHANGED',
    deliver: epguDeliverer({ url: epgu.url, timeoutMs: 2_000 }),
    logger,
    now: clock.now,
    backoff: exponentialBackoff({ random: () => 0 }),
    ...options,
  });
}

async function row(id: number) {
  const [found] = await admin.db.select().from(outbox).where(eq(outbox.id, id));
  return found!;
}

async function undelivered(): Promise<number> {
  const [count] = await admin.db
    .select({ count: sql<number>`count(*)::int` })
    .from(outbox)
    .where(isNull(outbox.deliveredAt));
  return count!.count;
}

describe('ЕПГУ outbox worker', () => {
  it('retries a 503 with the same Idempotency-Key and records the attempts until ЕПГУ accepts', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(
      admin,
      application,
      { from: 'UNDER_REVIEW', to: 'ACCEPTED', reason: 'Документы проверены' },
      T0,
    );
    epgu.reply = (_request, index) =>
      index < 2 ? { status: 503, body: 'Сервис временно недоступен' } : { status: 200 };
    const outboxWorker = worker();

    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    let message = await row(id);
    expect(message).toMatchObject({ attempts: 1, deliveredAt: null, lastAttemptAt: T0 });
    expect(message.lastError).toBe('ЕПГУ answered HTTP 503: Сервис временно недоступен');
    expect(message.nextAttemptAt).toEqual(new Date(T0.getTime() + 30 * SECOND));

    // Not due yet: nothing is sent.
    clock.advance(29 * SECOND);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(epgu.requests).toHaveLength(1);

    clock.set(message.nextAttemptAt);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    message = await row(id);
    expect(message.attempts).toBe(2);
    expect(message.nextAttemptAt).toEqual(new Date(clock.now().getTime() + MINUTE));

    clock.set(message.nextAttemptAt);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    message = await row(id);
    expect(message.deliveredAt).toEqual(clock.now());
    expect(message.lastAttemptAt).toEqual(clock.now());
    expect(message.attempts).toBe(2);

    expect(epgu.keys()).toEqual([String(id), String(id), String(id)]);
    expect(epgu.requests[2]).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      body: {
        epguNumber: application.epguNumber,
        applicationId: application.id,
        status: 'ACCEPTED',
        previousStatus: 'UNDER_REVIEW',
        reason: 'Документы проверены',
        changedAt: T0.toISOString(),
      },
    });

    // Delivered messages are never sent again.
    clock.advance(HOUR);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(epgu.requests).toHaveLength(3);
  });

  it('waits longer after each failure, at most an hour, and gives up after the maximum of attempts', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: null, to: 'SUBMITTED' }, T0);
    epgu.reply = () => ({ status: 502 });
    const errors = vi.spyOn(logger, 'error');
    const outboxWorker = worker({ maxAttempts: 10 });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
      const message = await row(id);
      expect(message.attempts).toBe(attempt);
      waits.push(message.nextAttemptAt.getTime() - message.lastAttemptAt!.getTime());
      clock.set(message.nextAttemptAt);
    }
    expect(waits).toEqual([
      30 * SECOND,
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      32 * MINUTE,
      HOUR,
      HOUR,
    ]);
    expect(errors).not.toHaveBeenCalled();

    // The tenth failure is the last one.
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    const dead = await row(id);
    expect(dead).toMatchObject({ attempts: 10, deliveredAt: null, nextAttemptAt: DEAD_AT });
    expect(dead.lastError).toBe(`${DEAD_PREFIX}10 attempts: ЕПГУ answered HTTP 502`);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toMatchObject({ outboxId: id, attempts: 10 });

    clock.advance(365 * 24 * HOUR);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(epgu.requests).toHaveLength(10);
  });

  it('does not retry a message ЕПГУ refuses with 400', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    epgu.reply = () => ({ status: 400, body: 'Неизвестный номер заявления' });
    const errors = vi.spyOn(logger, 'error');
    const outboxWorker = worker();

    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    const message = await row(id);
    expect(message).toMatchObject({ attempts: 1, deliveredAt: null, nextAttemptAt: DEAD_AT, lastAttemptAt: T0 });
    expect(message.lastError).toBe(`${DEAD_PREFIX}refused: ЕПГУ answered HTTP 400: Неизвестный номер заявления`);
    expect(errors).toHaveBeenCalledTimes(1);

    clock.advance(48 * HOUR);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(epgu.requests).toHaveLength(1);
  });

  it('keeps at most 1000 characters of the error', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: null, to: 'SUBMITTED' }, T0);
    const outboxWorker = worker({
      deliver: async () => {
        throw new Error('ж'.repeat(5_000));
      },
    });
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    const message = await row(id);
    expect(message.lastError).toHaveLength(1000);
    expect(message.attempts).toBe(1);
  });

  it('delivers the changes of one application in order: a later one waits for the earlier', async () => {
    const first = await newApplication(admin, T0);
    const other = await newApplication(admin, T0);
    const accepted = await enqueueStatusChange(admin, first, { from: 'UNDER_REVIEW', to: 'ACCEPTED' }, T0);
    const directed = await enqueueStatusChange(admin, first, { from: 'ACCEPTED', to: 'DIRECTED' }, T0);
    const otherId = await enqueueStatusChange(admin, other, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    let acceptedTries = 0;
    epgu.reply = (request) =>
      request.idempotencyKey === String(accepted) && acceptedTries++ === 0 ? { status: 503 } : { status: 200 };
    const outboxWorker = worker();

    // ACCEPTED fails; DIRECTED is due but held back; the other application is not.
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 1 });
    expect(epgu.keys().sort()).toEqual([String(accepted), String(otherId)].sort());
    expect((await row(otherId)).deliveredAt).not.toBeNull();

    // ACCEPTED waits for its backoff, DIRECTED waits for ACCEPTED.
    clock.advance(10 * SECOND);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect((await row(directed)).attempts).toBe(0);

    clock.advance(MINUTE);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect((await row(accepted)).deliveredAt).not.toBeNull();
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect((await row(directed)).deliveredAt).not.toBeNull();

    const statuses = epgu.requests
      .filter((request) => request.body['applicationId'] === first.id)
      .map((request) => request.body['status']);
    expect(statuses).toEqual(['ACCEPTED', 'ACCEPTED', 'DIRECTED']);
  });

  it('a dead message holds back the later changes of its application until it is revived', async () => {
    const application = await newApplication(admin, T0);
    const accepted = await enqueueStatusChange(admin, application, { from: 'UNDER_REVIEW', to: 'ACCEPTED' }, T0);
    const directed = await enqueueStatusChange(admin, application, { from: 'ACCEPTED', to: 'DIRECTED' }, T0);
    epgu.reply = (_request, index) => (index === 0 ? { status: 422 } : { status: 200 });
    const outboxWorker = worker();

    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 1 });
    clock.advance(24 * HOUR);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect((await row(directed)).deliveredAt).toBeNull();

    // The operator fixed the cause and revives the message.
    await admin.db.update(outbox).set({ nextAttemptAt: clock.now(), lastError: null }).where(eq(outbox.id, accepted));
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(epgu.requests.map((request) => request.body['status'])).toEqual(['ACCEPTED', 'ACCEPTED', 'DIRECTED']);
  });

  it('leaves ENROLMENT_REQUESTED to its own worker, and it does not hold back status changes', async () => {
    const application = await newApplication(admin, T0);
    const enrolment = await enqueueEnrolment(admin, application.id, T0);
    const enrolled = await enqueueStatusChange(admin, application, { from: 'DIRECTED', to: 'ENROLLED' }, T0);
    const outboxWorker = worker();

    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(epgu.keys()).toEqual([String(enrolled)]);
    expect(await row(enrolment)).toMatchObject({
      attempts: 0,
      deliveredAt: null,
      lastAttemptAt: null,
      lastError: null,
      nextAttemptAt: T0,
    });

    // A worker of that event delivers it with its own deliverer.
    const movementBook: OutboxMessage[] = [];
    const enrolmentWorker = worker({
      event: 'ENROLMENT_REQUESTED',
      deliver: async (message) => {
        movementBook.push(message);
      },
    });
    expect(await enrolmentWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(movementBook.map((message) => message.id)).toEqual([enrolment]);
    expect(epgu.requests).toHaveLength(1);
  });

  it('two workers claiming the same batch at the same time deliver each message exactly once', async () => {
    const ids: number[] = [];
    for (let index = 0; index < 20; index++) {
      const application = await newApplication(admin, T0);
      ids.push(await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0));
    }
    epgu.reply = async () => {
      await sleep(20);
      return { status: 200 };
    };
    // Two pools, like two processes.
    const other = createDb(database.roleUrl('admissions'), { max: 2 });
    try {
      const results = await Promise.all([worker().runOnce(), worker({ db: other.db }).runOnce()]);
      expect(results[0]!.failed + results[1]!.failed).toBe(0);
      expect(results[0]!.delivered + results[1]!.delivered).toBe(20);
    } finally {
      await other.close();
    }
    expect(epgu.keys().sort()).toEqual(ids.map(String).sort());
    expect(await undelivered()).toBe(0);
  });

  it('holds no transaction and no row lock open while it delivers', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    const seen: { openTransactions: number; lockable: boolean }[] = [];
    const outboxWorker = worker({
      deliver: async () => {
        // Every transaction of the worker's role in this database, other than nobody's: none while delivering.
        const [open] = await admin.db.execute<{ count: number }>(sql`
          select count(*)::int as count from pg_stat_activity
          where datname = current_database() and usename = 'admissions_svc' and xact_start is not null`);
        // The row is not locked: another session takes it at once.
        const locked = await admin.db
          .execute(sql`select id from admissions.outbox where id = ${id} for update nowait`)
          .then(
            () => true,
            () => false,
          );
        seen.push({ openTransactions: open!.count, lockable: locked });
      },
    });
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(seen).toEqual([{ openTransactions: 0, lockable: true }]);
    expect((await row(id)).lockedUntil).toBeNull();
  });

  it('leaves a message claimed by a worker that died to others until its lease has passed', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    // A worker claimed it (lease of 5 minutes) and died before recording a result.
    await admin.db
      .update(outbox)
      .set({ lockedUntil: new Date(T0.getTime() + 5 * MINUTE) })
      .where(eq(outbox.id, id));
    const outboxWorker = worker();
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(epgu.requests).toHaveLength(0);
    clock.advance(5 * MINUTE);
    expect(await outboxWorker.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(epgu.keys()).toEqual([String(id)]);
    expect(await row(id)).toMatchObject({ deliveredAt: clock.now(), lockedUntil: null });
  });

  it('a message in flight is not claimed by a second worker while the first delivers it', async () => {
    const application = await newApplication(admin, T0);
    await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow = worker({
      deliver: async () => {
        calls++;
        await held;
      },
    });
    const first = slow.runOnce();
    await until(() => calls === 1);
    expect(await worker({ deliver: async () => void calls++ }).runOnce()).toEqual({ delivered: 0, failed: 0 });
    release();
    expect(await first).toEqual({ delivered: 1, failed: 0 });
    expect(calls).toBe(1);
  });

  it('two workers draining many small batches concurrently deliver each message once and in order', async () => {
    const expected = new Map<string, string[]>();
    for (let index = 0; index < 24; index++) {
      const application = await newApplication(admin, T0);
      const changes = index % 3 === 0 ? ['UNDER_REVIEW', 'ACCEPTED', 'DIRECTED'] : ['UNDER_REVIEW'];
      let from = 'SUBMITTED';
      for (const to of changes) {
        await enqueueStatusChange(admin, application, { from, to }, T0);
        from = to;
      }
      expected.set(application.id, changes);
    }
    const total = [...expected.values()].reduce((sum, changes) => sum + changes.length, 0);
    epgu.reply = async () => {
      await sleep(5);
      return { status: 200 };
    };
    const other = createDb(database.roleUrl('admissions'), { max: 2 });
    let delivered = 0;
    const drain = async (db: DbHandle) => {
      const outboxWorker = worker({ db: db.db, batchSize: 4, concurrency: 2 });
      while ((await undelivered()) > 0) {
        const result = await outboxWorker.runOnce();
        delivered += result.delivered;
        if (result.delivered === 0) await sleep(5);
      }
    };
    try {
      await Promise.all([drain(service), drain(other)]);
    } finally {
      await other.close();
    }
    expect(delivered).toBe(total);
    const keys = epgu.keys();
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    for (const [applicationId, changes] of expected) {
      const seen = epgu.requests
        .filter((request) => request.body['applicationId'] === applicationId)
        .map((request) => request.body['status']);
      expect(seen).toEqual(changes);
    }
  });

  it('the loop never overlaps its runs', async () => {
    const ids: number[] = [];
    for (let index = 0; index < 6; index++) {
      const application = await newApplication(admin, T0);
      ids.push(await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0));
    }
    let active = 0;
    let mostActive = 0;
    const seen: number[] = [];
    const outboxWorker = worker({
      batchSize: 1,
      deliver: async (message) => {
        active++;
        mostActive = Math.max(mostActive, active);
        seen.push(message.id);
        await sleep(15);
        active--;
      },
    });
    outboxWorker.start(1);
    try {
      await until(async () => (await undelivered()) === 0);
    } finally {
      await outboxWorker.stop();
    }
    expect(mostActive).toBe(1);
    expect(seen).toEqual(ids);
  });

  it('stop() waits for the run in progress and no run starts afterwards', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    epgu.reply = async () => {
      await gate;
      return { status: 200 };
    };
    const outboxWorker = worker();
    outboxWorker.start(10);
    await until(() => epgu.requests.length === 1);

    let stopped = false;
    const stopping = outboxWorker.stop().then(() => {
      stopped = true;
    });
    await sleep(100);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await row(id)).deliveredAt).toEqual(T0);

    const later = await newApplication(admin, T0);
    const laterId = await enqueueStatusChange(admin, later, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    await sleep(100);
    expect(epgu.requests).toHaveLength(1);
    expect((await row(laterId)).deliveredAt).toBeNull();
  });

  it('keeps running after a failed run', async () => {
    const application = await newApplication(admin, T0);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, T0);
    let calls = 0;
    const errors = vi.spyOn(logger, 'error');
    const outboxWorker = worker({
      now: () => {
        // The first run dies before claiming anything (as with a lost connection).
        if (calls++ === 0) throw new Error('clock failure');
        return clock.now();
      },
    });
    outboxWorker.start(5);
    try {
      await until(async () => (await row(id)).deliveredAt !== null);
    } finally {
      await outboxWorker.stop();
    }
    expect(errors.mock.calls.some(([, text]) => text === 'outbox run failed')).toBe(true);
  });
});
