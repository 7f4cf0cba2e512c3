/** The ЕПГУ deliverer against a real local HTTP server: the request it sends, and how it reads answers. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { epguDeliverer } from '../../src/outbox/epgu-client.ts';
import { DeliveryError, type OutboxMessage } from '@region/kit';
import { startFakeEpgu, type FakeEpgu } from './fixtures.ts';
import { freePort as closedPort } from '@region/tests/ports';

let epgu: FakeEpgu;

const message: OutboxMessage = {
  id: 42,
  aggregateId: '0197a0a0-0000-7000-8000-000000000001',
  event: 'STATUS_CHANGED',
  payload: {
    epguNumber: '1234567890',
    applicationId: '0197a0a0-0000-7000-8000-000000000001',
    from: 'ACCEPTED',
    to: 'DIRECTED',
    reason: null,
    at: '2027-06-30T06:00:00.000Z',
  },
  attempts: 0,
  createdAt: new Date('2027-06-30T06:00:00Z'),
};

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

beforeAll(async () => {
  epgu = await startFakeEpgu();
});

afterAll(async () => {
  await epgu?.close();
});

beforeEach(() => {
  epgu.requests.length = 0;
  epgu.reply = () => ({ status: 200 });
});

describe('ЕПГУ deliverer', () => {
  it('POSTs the status change as JSON with the message id as Idempotency-Key', async () => {
    await epguDeliverer({ url: epgu.url, timeoutMs: 2_000 })(message);
    expect(epgu.requests).toEqual([
      {
        method: 'POST',
        idempotencyKey: '42',
        contentType: 'application/json',
        body: {
          epguNumber: '1234567890',
          applicationId: message.aggregateId,
          status: 'DIRECTED',
          previousStatus: 'ACCEPTED',
          reason: null,
          changedAt: '2027-06-30T06:00:00.000Z',
        },
      },
    ]);
  });

  it('takes any 2xx and 409 (already known) as delivered', async () => {
    const deliver = epguDeliverer({ url: epgu.url, timeoutMs: 2_000 });
    for (const status of [200, 201, 202, 204, 409]) {
      epgu.reply = () => ({ status, body: status === 204 ? '' : 'ok' });
      await expect(deliver(message)).resolves.toBeUndefined();
    }
  });

  it('takes other 4xx as a permanent refusal, saying what ЕПГУ answered', async () => {
    const deliver = epguDeliverer({ url: epgu.url, timeoutMs: 2_000 });
    for (const status of [400, 401, 403, 404, 422]) {
      epgu.reply = () => ({ status, body: 'Заявление не найдено' });
      const error = await failure(deliver(message));
      expect(error.permanent).toBe(true);
      expect(error.message).toBe(`ЕПГУ answered HTTP ${status}: Заявление не найдено`);
    }
  });

  it('retries 5xx, 408 and 429', async () => {
    const deliver = epguDeliverer({ url: epgu.url, timeoutMs: 2_000 });
    for (const status of [500, 502, 503, 504, 408, 429]) {
      epgu.reply = () => ({ status });
      const error = await failure(deliver(message));
      expect(error.permanent).toBe(false);
      expect(error.message).toBe(`ЕПГУ answered HTTP ${status}`);
    }
  });

  it('retries when ЕПГУ does not answer in time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    epgu.reply = async () => {
      await gate;
      return { status: 200 };
    };
    const error = await failure(epguDeliverer({ url: epgu.url, timeoutMs: 150 })(message));
    release();
    expect(error.permanent).toBe(false);
    expect(error.message).toBe('ЕПГУ did not answer within 150 ms');
  });

  it('retries when ЕПГУ is unreachable', async () => {
    const port = await closedPort();
    const error = await failure(epguDeliverer({ url: `http://127.0.0.1:${port}/`, timeoutMs: 2_000 })(message));
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/^ЕПГУ is unreachable/);
  });

  it('uses the injected fetch', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const deliver = epguDeliverer({
      url: 'https://epgu.example/status',
      timeoutMs: 1_000,
      fetch: async (input, init) => {
        calls.push([String(input), init]);
        return new Response('', { status: 503 });
      },
    });
    const error = await failure(deliver(message));
    expect(error.permanent).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('https://epgu.example/status');
    expect(calls[0]![1]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('refuses, without calling ЕПГУ, what is not a status change', async () => {
    const deliver = epguDeliverer({ url: epgu.url, timeoutMs: 2_000 });
    const enrolment = await failure(deliver({ ...message, event: 'ENROLMENT_REQUESTED', payload: { key: 'x' } }));
    expect(enrolment.permanent).toBe(true);
    const malformed = await failure(deliver({ ...message, payload: { to: 'DIRECTED' } }));
    expect(malformed.permanent).toBe(true);
    expect(epgu.requests).toHaveLength(0);
  });
});
