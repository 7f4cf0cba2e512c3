/**
 * Bad ESIA tokens never reach a subgraph and never cause a 500: each is refused with UNAUTHENTICATED.
 */
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { ESIA_AUDIENCE, ESIA_ISSUER, startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const oid = () => Number(findAccountByLogin('guardian')!.oid);

interface Claims {
  iss?: string;
  aud?: string;
  exp?: number;
  iat?: number;
}

async function sign(claims: Claims, key?: { privateKey: CryptoKey; kid: string; alg: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const signer = key ?? { privateKey: platform.esiaKeys.privateKey, kid: platform.esiaKeys.kid, alg: 'ES256' };
  return new SignJWT({ 'urn:esia:sbj_id': oid(), 'urn:esia:sid': 'test', scope: 'openid' })
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
    .setIssuer(claims.iss ?? ESIA_ISSUER)
    .setAudience(claims.aud ?? ESIA_AUDIENCE)
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(signer.privateKey);
}

function unsigned(): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
    iss: ESIA_ISSUER,
    aud: ESIA_AUDIENCE,
    iat: now,
    exp: now + 600,
    'urn:esia:sbj_id': oid(),
  })}.`;
}

async function expectUnauthenticated(token: string | null) {
  const result = await platform.query(token === null ? null : { token }, '{ me { person { id } } }');
  expect(result.status).toBe(401);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

describe('ESIA token verification at the gateway', () => {
  it('admits a good token (the control case)', async () => {
    const result = await platform.query({ token: await sign({}) }, '{ me { person { id } } }');
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });

  it('refuses a request without a token', () => expectUnauthenticated(null));
  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    await expectUnauthenticated(await sign({ iat: past, exp: past + 600 }));
  });
  it('refuses a token from another issuer', async () =>
    expectUnauthenticated(await sign({ iss: 'https://evil.example/' })));
  it('refuses a token for another audience', async () => expectUnauthenticated(await sign({ aud: 'another-client' })));
  it('refuses an unsigned token (alg: none)', () => expectUnauthenticated(unsigned()));
  it('refuses a token signed by an unknown key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectUnauthenticated(await sign({}, { privateKey, kid: platform.esiaKeys.kid, alg: 'ES256' }));
  });
  it('refuses a token signed with an algorithm off the allow-list', async () => {
    const secret = new TextEncoder().encode('x'.repeat(32)) as unknown as CryptoKey;
    await expectUnauthenticated(await sign({}, { privateKey: secret, kid: platform.esiaKeys.kid, alg: 'HS256' }));
  });
  it('refuses garbage', () => expectUnauthenticated('not-a-token'));
});

describe('query limits at the gateway', () => {
  const nested = (depth: number) => {
    let selection = 'id';
    for (let level = 0; level < depth; level++) selection = `children { ${selection} }`;
    return `{ me { person { ${selection} } } }`;
  };

  it('answers a query within the limits', async () => {
    const result = await platform.query({ login: 'guardian' }, nested(3));
    expect(result.errors).toBeUndefined();
  });

  it('refuses a query deeper than the limit before running it', async () => {
    const result = await platform.query({ login: 'guardian' }, nested(20));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    expect(result.errors?.[0]?.message).toMatch(/слишком глубокая вложенность/);
    expect(result.data ?? null).toBeNull();
  });
});
