/**
 * The gateway reuses one signed internal token per principal (issue 10 §5): what people's subgraph receives
 * over real HTTP, recorded by a proxy in front of it. Two requests of one person carry the same token; two
 * people never share one, and each token carries its own person's principal.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, type Principal } from '@region/kit';
import { startPlatform, type Platform } from '../src/platform.ts';

const ME = '{ me { person { id } } }';

describe('internal token reuse at the gateway', () => {
  let platform: Platform;
  let target = '';
  const bearers: string[] = [];
  const front = createServer((request, response) => void forward(request, response));

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const authorization = request.headers.authorization ?? '';
    if (authorization.startsWith('Bearer ')) bearers.push(authorization.slice('Bearer '.length));
    const answer = await fetch(target, {
      method: request.method,
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json', authorization },
      body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(await answer.text());
  }

  beforeAll(async () => {
    platform = await startPlatform({
      gatewaySubgraphUrl: async (name, url) => {
        if (name !== 'people') return url;
        target = url;
        return `http://127.0.0.1:${await listen(front, 0)}/graphql`;
      },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await closeServer(front);
  });

  const principalOf = (token: string) => decodeJwt(token)['principal'] as Principal;
  const personTokens = (personId: string) =>
    new Set(
      bearers.filter((token) => {
        const p = principalOf(token);
        return p.kind === 'PERSON' && p.personId === personId;
      }),
    );

  it('sends one token for two requests of the same person, and another person’s own token to the other', async () => {
    const first = await platform.query<{ me: { person: { id: string } } }>({ login: 'teacher' }, ME);
    // A second later: a token signed anew would differ (its `iat`), as Ed25519 signatures are deterministic.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await platform.query<{ me: { person: { id: string } } }>({ login: 'teacher' }, ME);
    const other = await platform.query<{ me: { person: { id: string } } }>({ login: 'guardian' }, ME);
    const teacher = first.data!.me.person.id;
    const guardian = other.data!.me.person.id;
    expect(second.data!.me.person.id).toBe(teacher);
    expect(guardian).not.toBe(teacher);

    const teacherTokens = personTokens(teacher);
    const guardianTokens = personTokens(guardian);
    // Each `me` reaches people at least once per request: two requests, one token.
    expect(bearers.filter((token) => teacherTokens.has(token)).length).toBeGreaterThanOrEqual(2);
    expect(teacherTokens.size).toBe(1);
    expect(guardianTokens.size).toBe(1);
    expect([...teacherTokens][0]).not.toBe([...guardianTokens][0]);
    // No token ever went out carrying a principal other than the one it was signed for.
    for (const token of new Set(bearers)) {
      const holders = bearers.filter((sent) => sent === token).map((sent) => JSON.stringify(principalOf(sent)));
      expect(new Set(holders).size).toBe(1);
    }
  });
});
