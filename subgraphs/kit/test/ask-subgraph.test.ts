/**
 * `askSubgraph` / `askEntities` over real HTTP (a local server): the document and the caller's token reach the
 * asked subgraph, and every way of not answering becomes the asker's own error.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, askEntities, askSubgraph } from '../src/index.ts';

type Handler = (
  body: { query?: string; variables?: Record<string, unknown> },
  req: IncomingMessage,
  res: ServerResponse,
) => void;

const handlers = new Map<string, Handler>();
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  req.on('end', () => handlers.get(req.url ?? '')?.(JSON.parse(raw), req, res));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};
const unavailable = () => new AppError('SUBGRAPH_UNAVAILABLE', 'Реестр не отвечает.', { service: 'people' });
const refusal = { extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'people' }, message: 'Реестр не отвечает.' };

handlers.set('/ok', (body, req, res) =>
  json(
    res,
    200,
    JSON.stringify({ data: { echo: body.variables, query: body.query, auth: req.headers.authorization } }),
  ),
);
handlers.set('/entities', (body, _req, res) => {
  const reps = body.variables?.representations as { id: string }[];
  json(res, 200, JSON.stringify({ data: { _entities: reps.map((r) => (r.id === 'known' ? { id: r.id } : null)) } }));
});
handlers.set('/no-entities', (_body, _req, res) => json(res, 200, JSON.stringify({ data: { other: 1 } })));
handlers.set('/500', (_body, _req, res) => json(res, 500, JSON.stringify({ data: { echo: 1 } })));
handlers.set('/garbage', (_body, _req, res) => json(res, 200, '<html>not json'));
handlers.set('/errors-only', (_body, _req, res) => json(res, 200, JSON.stringify({ errors: [{ message: 'x' }] })));
handlers.set('/slow', () => undefined);

describe('askSubgraph', () => {
  it('posts the document and variables with the bearer token and returns data', async () => {
    const data = await askSubgraph<{ echo: unknown; query: string; auth: string }>({
      url: `${base}/ok`,
      token: 'tok',
      query: '{ x }',
      variables: { a: 1 },
      unavailable,
    });
    expect(data).toEqual({ echo: { a: 1 }, query: '{ x }', auth: 'Bearer tok' });
  });

  it('throws the given error when not configured, on 500, garbage, no data, refused connection and timeout', async () => {
    for (const url of [
      undefined,
      `${base}/500`,
      `${base}/garbage`,
      `${base}/errors-only`,
      'http://127.0.0.1:9/graphql',
    ])
      await expect(askSubgraph({ url, token: 't', query: '{ x }', unavailable })).rejects.toMatchObject(refusal);
    const started = Date.now();
    await expect(
      askSubgraph({ url: `${base}/slow`, token: 't', query: '{ x }', timeoutMs: 200, unavailable }),
    ).rejects.toMatchObject(refusal);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('askEntities', () => {
  it('returns the entities in order, null where unresolved', async () => {
    const found = await askEntities<{ id: string }>({
      url: `${base}/entities`,
      token: 't',
      query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
      representations: [
        { __typename: 'Person', id: 'known' },
        { __typename: 'Person', id: 'unknown' },
      ],
      unavailable,
    });
    expect(found).toEqual([{ id: 'known' }, null]);
  });

  it('throws the given error when the answer has no _entities list', async () => {
    await expect(
      askEntities({ url: `${base}/no-entities`, token: 't', query: '{ x }', representations: [], unavailable }),
    ).rejects.toMatchObject(refusal);
  });
});
