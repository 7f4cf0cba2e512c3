/**
 * The gateway reuses one signed internal token per principal (issue 10 §5): what people's subgraph receives
 * over real HTTP, recorded by a proxy in front of it. Two requests of one person carry the same token; two
 * people never share one, and each token carries its own person's principal.
 */
import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@region/kit';
import type { Platform } from '../src/platform.ts';
import { startPlatformBehindFront, type PeopleFront } from '../src/people-front.ts';

const ME = '{ me { person { id } } }';

describe('internal token reuse at the gateway', () => {
  let platform: Platform;
  let behind: PeopleFront | undefined;
  const bearers: string[] = [];

  /** Records the internal token of every request people receives, and lets it through. */
  function record(request: IncomingMessage): boolean {
    const authorization = request.headers.authorization ?? '';
    if (authorization.startsWith('Bearer ')) bearers.push(authorization.slice('Bearer '.length));
    return false;
  }

  beforeAll(async () => {
    behind = await startPlatformBehindFront(record);
    platform = behind.platform;
  });
  afterAll(async () => {
    await behind?.stop();
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
