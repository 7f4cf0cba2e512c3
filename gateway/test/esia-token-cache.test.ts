/**
 * Verified ESIA tokens are remembered (issue 13 §4), but only the exact token, never past its `exp` nor past
 * the cache's own age limit, and a refused token is never remembered.
 */
import { describe, expect, it } from 'vitest';
import { cachingTokenVerifier, InvalidTokenError, type EsiaIdentity } from '../src/auth/esia-token.ts';

function counting(identities: Record<string, EsiaIdentity>) {
  const calls: string[] = [];
  const verify = async (token: string) => {
    calls.push(token);
    const identity = identities[token];
    if (!identity) throw new InvalidTokenError('bad signature');
    return identity;
  };
  return { verify, calls };
}

const person = (oid: string, expiresAt: number): EsiaIdentity => ({ kind: 'person', oid, sid: null, expiresAt });

describe('verified token cache', () => {
  it('verifies a token once while it is fresh, and each token for itself', async () => {
    let now = 1_000_000;
    const { verify, calls } = counting({ a: person('1', 2_000), b: person('2', 2_000) });
    const cached = cachingTokenVerifier(verify, { now: () => now });
    expect(await cached('a')).toEqual(person('1', 2_000));
    expect(await cached('b')).toEqual(person('2', 2_000));
    now += 59_000;
    expect(await cached('a')).toEqual(person('1', 2_000));
    expect(calls).toEqual(['a', 'b']);
    // Past the cache's own age limit the signature is checked again (a withdrawn key stops working).
    now += 2_000;
    await cached('a');
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('never answers for a token past its expiry', async () => {
    let now = 1_000_000;
    const { verify, calls } = counting({ a: person('1', 1_010) });
    const cached = cachingTokenVerifier(verify, { now: () => now });
    await cached('a');
    now = 1_009_000;
    await cached('a');
    expect(calls).toEqual(['a']);
    now = 1_010_000;
    await cached('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('does not remember a refusal', async () => {
    const { verify, calls } = counting({});
    const cached = cachingTokenVerifier(verify);
    await expect(cached('forged')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(cached('forged')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls).toEqual(['forged', 'forged']);
  });
});
