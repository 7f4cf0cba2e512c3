/**
 * The gateway's subgraph fetch (issue 13 §4): one keep-alive pool, and a timeout that cuts off a subgraph
 * which never answers or stalls halfway through its answer, reported as unavailable rather than hanging.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalResolver } from '../src/auth/principal.ts';
import { isTimeout, subgraphHttp } from '../src/subgraph-fetch.ts';
import { isUnavailable } from '../src/subgraph-unavailable.ts';

let server: Server;
let base: string;
const held: ServerResponse[] = [];
const sockets = new Set<string>();

beforeAll(async () => {
  server = createServer((request, response) => {
    sockets.add(`${request.socket.remotePort}`);
    request.resume();
    held.push(response);
    // Once the request is read: Node closes a connection whose request body it had to skip.
    if (request.url === '/ok') request.on('end', () => response.end('{"data":{"ok":true}}'));
    // Headers, then half a body, then nothing.
    if (request.url === '/stall') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
    }
  });
  base = `http://127.0.0.1:${await listen(server, 0)}`;
});
afterAll(async () => {
  for (const response of held) response.destroy();
  await closeServer(server);
});

describe('subgraph fetch', () => {
  it('reuses its connections', async () => {
    const http = subgraphHttp({ timeoutMs: 1_000 });
    sockets.clear();
    for (let request = 0; request < 20; request++) {
      expect(await (await http.fetch(`${base}/ok`, { method: 'POST', body: '{}' })).json()).toEqual({
        data: { ok: true },
      });
    }
    // undici may open a second connection while the first is being released; never one per request.
    expect(sockets.size).toBeLessThanOrEqual(2);
    await http.close();
  });

  it('gives up on a subgraph that never answers, as unavailable', async () => {
    const http = subgraphHttp({ timeoutMs: 1_000 });
    const failure = await http.fetch(`${base}/hang`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
    expect(isTimeout(failure)).toBe(true);
    expect(isUnavailable(failure)).toBe(true);
    await http.close();
  });

  it('gives up on a subgraph that stalls in the middle of its answer', async () => {
    const http = subgraphHttp({ timeoutMs: 1_000 });
    // On a loaded machine the headers may come after the timeout too: either way it is the timeout that ends it.
    const failure = await http
      .fetch(`${base}/stall`, { method: 'POST', body: '{}' })
      .then((response) => response.text())
      .catch((error: unknown) => error);
    expect(isTimeout(failure)).toBe(true);
    expect(isUnavailable(failure)).toBe(true);
    await http.close();
  });

  it('bounds login resolution at people too', async () => {
    const http = subgraphHttp({ timeoutMs: 1_000 });
    const resolve = principalResolver({
      peopleUrl: `${base}/hang`,
      esiaApiUrl: base,
      sign: async () => 'token',
      fetch: http.fetch,
    });
    const failure = await resolve({ kind: 'person', oid: '1', sid: null, expiresAt: 0 }, 'esia').catch(
      (error: unknown) => error,
    );
    expect(isUnavailable(failure)).toBe(true);
    await http.close();
  });
});
