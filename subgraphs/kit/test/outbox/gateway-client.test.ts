/**
 * Delivery through the gateway as a service account, against a real local HTTP server: the request it sends,
 * and which answers the worker retries and which make the message dead at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, gatewayClient, serviceTokenProvider } from '../../src/outbox/index.ts';

interface Answer {
  status: number;
  body: unknown;
}

let server: Server;
let url = '';
let answer: Answer = { status: 200, body: { data: { ok: true } } };
const received: { authorization: string | undefined; body: unknown }[] = [];
let tokensIssued = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
      if (request.url === '/token') {
        tokensIssued++;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: `token-${tokensIssued}`, expires_in: 3600 }));
        return;
      }
      received.push({ authorization: request.headers.authorization, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = () =>
  gatewayClient({
    gatewayUrl: `${url}/graphql`,
    token: serviceTokenProvider({ url: `${url}/token`, clientId: 'test-service' }),
    timeoutMs: 2_000,
  });

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('gatewayClient', () => {
  it('sends the operation with the service token (fetched once) and resolves with its data', async () => {
    answer = { status: 200, body: { data: { recordMovement: { id: 'm1' } } } };
    const send = client();
    expect(await send('mutation M($a: Int) { m(a: $a) }', { a: 1 })).toEqual({ recordMovement: { id: 'm1' } });
    await send('mutation M($a: Int) { m(a: $a) }', { a: 2 });
    expect(received.slice(-2)).toEqual([
      { authorization: 'Bearer token-1', body: { query: 'mutation M($a: Int) { m(a: $a) }', variables: { a: 1 } } },
      { authorization: 'Bearer token-1', body: { query: 'mutation M($a: Int) { m(a: $a) }', variables: { a: 2 } } },
    ]);
    expect(tokensIssued).toBe(1);
  });

  it('retries a 5xx answer', async () => {
    answer = { status: 503, body: {} };
    const error = await failure(client()('mutation { m }', {}));
    expect(error.permanent).toBe(false);
    expect(error.message).toBe('gateway answered 503');
  });

  it('gives up at once on a refusal a retry cannot change (FORBIDDEN, CONFLICT, BAD_USER_INPUT, NOT_FOUND)', async () => {
    for (const code of ['FORBIDDEN', 'CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND']) {
      answer = { status: 200, body: { errors: [{ message: 'Нельзя.', extensions: { code } }], data: null } };
      const error = await failure(client()('mutation { m }', {}));
      expect(error.permanent, code).toBe(true);
      expect(error.message).toBe(`${code}: Нельзя.`);
    }
  });

  it('retries any other GraphQL error (a subgraph unavailable)', async () => {
    answer = {
      status: 200,
      body: { errors: [{ message: 'Сервис недоступен.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
    };
    expect((await failure(client()('mutation { m }', {}))).permanent).toBe(false);
  });

  it('gives up on a 4xx answer without data', async () => {
    answer = { status: 400, body: {} };
    const error = await failure(client()('mutation { m }', {}));
    expect(error.permanent).toBe(true);
    expect(error.message).toBe('gateway answered 400');
  });
});
