/**
 * A subgraph that takes the request and never answers (issue 13 §4): before, the gateway had no timeout and
 * the client's request hung with it. Now the fields that subgraph would have filled are null with
 * `SUBGRAPH_UNAVAILABLE` (`reason: TIMEOUT`) after `SUBGRAPH_TIMEOUT_MS`, and the others are answered.
 */
import { createServer, type ServerResponse } from 'node:http';
import { closeServer, listen } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Long enough for people to answer on a loaded machine: the timeout applies to every subgraph. */
const TIMEOUT_MS = 3_000;
let platform: Platform;
/** Learning's stand-in: reads each request and never answers it. */
const held: ServerResponse[] = [];
const silent = createServer((request, response) => {
  request.resume();
  held.push(response);
});

beforeAll(async () => {
  platform = await startPlatform({
    subgraphTimeoutMs: TIMEOUT_MS,
    gatewaySubgraphUrl: async (name, url) =>
      name === 'learning' ? `http://127.0.0.1:${await listen(silent, 0)}/graphql` : url,
  });
});
afterAll(async () => {
  for (const response of held) response.destroy();
  await closeServer(silent);
  await platform?.stop();
});

describe('a subgraph that never answers', () => {
  it('answers its fields with SUBGRAPH_UNAVAILABLE after the timeout and the others with data', async () => {
    const started = performance.now();
    const result = await platform.query<{ me: { person: { lastName: string; diary: unknown } } }>(
      { login: 'student' },
      '{ me { person { lastName diary { days { date } } } } }',
    );
    const elapsed = performance.now() - started;

    expect(result.status).toBe(200);
    expect(result.data?.me.person.lastName).toBeTruthy();
    expect(result.data?.me.person.diary).toBeNull();
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining('не ответил вовремя'),
        path: ['me', 'person', 'diary'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', service: 'learning', reason: 'TIMEOUT' }),
      },
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 15_000);
  });
});
