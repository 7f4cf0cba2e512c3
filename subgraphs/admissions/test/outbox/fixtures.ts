/** Shared by the outbox tests: a local HTTP server playing ЕПГУ, a settable clock, and rows to deliver. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admissionsTables, type DbHandle } from '@region/db';

const { applications, outbox } = admissionsTables;

export interface EpguRequest {
  method: string;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface EpguReply {
  status: number;
  body?: string;
}

export interface FakeEpgu {
  url: string;
  /** Every request received, in order of arrival. */
  requests: EpguRequest[];
  /** Decides the answer; 200 unless replaced. May wait before answering. */
  reply: (request: EpguRequest, index: number) => EpguReply | Promise<EpguReply>;
  keys(): string[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeEpgu(): Promise<FakeEpgu> {
  const fake: FakeEpgu = {
    url: '',
    requests: [],
    reply: () => ({ status: 200 }),
    keys: () => fake.requests.map((request) => request.idempotencyKey ?? ''),
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      const received: EpguRequest = {
        method: request.method ?? '',
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        contentType: request.headers['content-type'],
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      const index = fake.requests.push(received) - 1;
      const reply = await fake.reply(received, index);
      response.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(reply.body ?? '');
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/epgu/status`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

export interface Clock {
  now: () => Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export function clockAt(start: Date): Clock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** An ЕПГУ first-grade application, inserted as the intake would. */
export async function newApplication(admin: DbHandle, at: Date): Promise<{ id: string; epguNumber: string }> {
  const epguNumber = `${Math.floor(Math.random() * 1e9)}-${randomUUID().slice(0, 8)}`;
  const [row] = await admin.db
    .insert(applications)
    .values({
      kind: 'FIRST_GRADE',
      year: 2027,
      childLastName: 'Иванова',
      childFirstName: 'Ева',
      childBirthDate: '2020-10-01',
      applicantId: randomUUID(),
      source: 'EPGU',
      epguNumber,
      registeredAt: at,
      category: 'TERRITORY',
    })
    .returning({ id: applications.id });
  return { id: row!.id, epguNumber };
}

/** A queued status change, as `recordChange` writes it, due at `at`. */
export async function enqueueStatusChange(
  admin: DbHandle,
  application: { id: string; epguNumber: string | null },
  change: { from: string | null; to: string; reason?: string | null },
  at: Date,
): Promise<number> {
  const [row] = await admin.db
    .insert(outbox)
    .values({
      applicationId: application.id,
      event: 'STATUS_CHANGED',
      payload: {
        epguNumber: application.epguNumber,
        applicationId: application.id,
        from: change.from,
        to: change.to,
        reason: change.reason ?? null,
        at: at.toISOString(),
      },
      nextAttemptAt: at,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

export async function enqueueEnrolment(admin: DbHandle, applicationId: string, at: Date): Promise<number> {
  const [row] = await admin.db
    .insert(outbox)
    .values({
      applicationId,
      event: 'ENROLMENT_REQUESTED',
      payload: { key: `application:${applicationId}`, childId: null, organizationId: null, on: '2027-08-30' },
      nextAttemptAt: at,
    })
    .returning({ id: outbox.id });
  return row!.id;
}
