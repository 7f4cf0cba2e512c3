/**
 * Shutdown drains (issue 9, Faults): a request in flight when the service is told to stop gets its answer;
 * only one that outlives the grace period is cut off.
 */
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createHttpServer, createLogger, listen } from '@region/kit';

const logger = createLogger('drain-test', 'silent');
let server: Server | undefined;

async function slowServer(): Promise<string> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { slow(ms: Int!): String! }',
    resolvers: { Query: { slow: async (_: unknown, { ms }: { ms: number }) => (await sleep(ms), 'done') } },
  });
  await apollo.start();
  server = createHttpServer({ apollo, logger, context: async () => ({}) });
  return `http://127.0.0.1:${await listen(server, 0)}/graphql`;
}

function ask(url: string, ms: number) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ slow(ms: ${ms}) }` }),
  });
}

afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

describe('stopping a server', () => {
  it('lets a slow request in flight finish, then refuses new connections', async () => {
    const url = await slowServer();
    const inFlight = ask(url, 500);
    await sleep(100);
    let closed = false;
    const closing = closeServer(server!).then(() => (closed = true));

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { slow: 'done' } });
    await closing;
    expect(closed).toBe(true);
    await expect(ask(url, 0)).rejects.toThrow();
  });

  it('closes the connection after the last response, even when the client keeps it alive', async () => {
    const url = await slowServer();
    // Longer than the test may take: only the drain itself can close the kept-alive connection in time.
    server!.keepAliveTimeout = 60_000;
    const warm = await ask(url, 0);
    await warm.text();
    const inFlight = ask(url, 300);
    await sleep(50);
    const closing = closeServer(server!);
    expect((await inFlight).status).toBe(200);
    await closing;
  }, 5_000);

  it('cuts off a request that outlives the grace period', async () => {
    const url = await slowServer();
    const inFlight = ask(url, 20_000);
    await sleep(100);
    await closeServer(server!, 200);
    await expect(inFlight).rejects.toThrow();
  });
});
