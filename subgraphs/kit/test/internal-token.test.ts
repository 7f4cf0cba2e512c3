import { describe, expect, it } from 'vitest';
import {
  checkKitEnv,
  generateInternalKeyPair,
  internalTokenSigner,
  internalTokenVerifier,
  reusingInternalTokenSigner,
  type InternalTokenSigner,
  type Principal,
} from '../src/index.ts';
import { decodeProtectedHeader } from 'jose';

const teacher: Principal = {
  kind: 'PERSON',
  personId: '00000000-0000-4000-8000-000000000001',
  grants: [{ role: 'TEACHER', territory: { kind: 'ORGANIZATION', organizationId: 'org-1' } }],
} as unknown as Principal;
const otherTeacher: Principal = { ...teacher, personId: '00000000-0000-4000-8000-000000000002' } as Principal;

describe('internal token key set (rotation)', () => {
  it('names its key in the header and is accepted by a key set holding that key only', async () => {
    const a = await generateInternalKeyPair();
    const token = await (await internalTokenSigner(a.privateJwk))(teacher);
    expect(decodeProtectedHeader(token).kid).toBe(a.publicJwk.kid);
    await expect((await internalTokenVerifier({ keys: [a.publicJwk] }))(token)).resolves.toEqual(teacher);
  });

  it('accepts a token of key B once B is added to the set, refuses it before, and refuses A after A is removed', async () => {
    const a = await generateInternalKeyPair();
    const b = await generateInternalKeyPair();
    const byA = await (await internalTokenSigner(a.privateJwk))(teacher);
    const byB = await (await internalTokenSigner(b.privateJwk))(teacher);

    const before = await internalTokenVerifier({ keys: [a.publicJwk] });
    await expect(before(byB)).rejects.toThrow(/unknown key/);
    await expect(before(byA)).resolves.toEqual(teacher);

    const during = await internalTokenVerifier({ keys: [a.publicJwk, b.publicJwk] });
    await expect(during(byA)).resolves.toEqual(teacher);
    await expect(during(byB)).resolves.toEqual(teacher);

    const after = await internalTokenVerifier({ keys: [b.publicJwk] });
    await expect(after(byB)).resolves.toEqual(teacher);
    await expect(after(byA)).rejects.toThrow(/unknown key/);
  });

  it('refuses a token whose kid names a known key but whose signature is another key’s', async () => {
    const a = await generateInternalKeyPair();
    const b = await generateInternalKeyPair();
    const forged = await (await internalTokenSigner({ ...b.privateJwk, kid: a.publicJwk.kid }))(teacher);
    await expect((await internalTokenVerifier({ keys: [a.publicJwk] }))(forged)).rejects.toThrow(/signature/);
  });

  it('still takes one JWK without kid (the single-key env of before), naming it by its thumbprint', async () => {
    const a = await generateInternalKeyPair();
    const { kid: _private, ...privateJwk } = a.privateJwk;
    const { kid: _public, ...publicJwk } = a.publicJwk;
    const token = await (await internalTokenSigner(privateJwk))(teacher);
    await expect((await internalTokenVerifier(publicJwk))(token)).resolves.toEqual(teacher);
    const env = checkKitEnv({ INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify(publicJwk) });
    await expect((await internalTokenVerifier(env.internalJwks))(token)).resolves.toEqual(teacher);
  });

  it('refuses a private key in the public key set', async () => {
    const a = await generateInternalKeyPair();
    await expect(internalTokenVerifier({ keys: [a.privateJwk] })).rejects.toThrow(/public keys only/);
  });
});

describe('reusing internal token signer', () => {
  async function counting(): Promise<{ sign: InternalTokenSigner; count: () => number }> {
    const keys = await generateInternalKeyPair();
    const real = await internalTokenSigner(keys.privateJwk);
    let signed = 0;
    return {
      sign: (principal) => {
        signed++;
        return real(principal);
      },
      count: () => signed,
    };
  }

  it('signs once for two requests of the same principal within the reuse time, and anew after it', async () => {
    const { sign, count } = await counting();
    let now = 1_000_000;
    const reusing = reusingInternalTokenSigner(sign, { now: () => now });
    const first = await reusing(teacher);
    now += 44_000;
    // A copy of the principal, as each request resolves its own.
    const second = await reusing(structuredClone(teacher));
    expect(second).toBe(first);
    expect(count()).toBe(1);
    now += 2_000;
    await reusing(teacher);
    expect(count()).toBe(2);
  });

  it('never hands one principal’s token to another, nor to the same person with other grants', async () => {
    const { sign, count } = await counting();
    const keys = await generateInternalKeyPair();
    const reusing = reusingInternalTokenSigner(await internalTokenSigner(keys.privateJwk));
    const verify = await internalTokenVerifier({ keys: [keys.publicJwk] });
    const principals: Principal[] = [
      teacher,
      otherTeacher,
      { ...teacher, grants: [] } as Principal,
      { kind: 'SERVICE', serviceId: teacher.kind === 'PERSON' ? teacher.personId : '', grants: [] } as Principal,
      { kind: 'GATEWAY' },
    ];
    const tokens = await Promise.all(principals.map((principal) => reusing(principal)));
    expect(new Set(tokens).size).toBe(principals.length);
    for (const [index, token] of tokens.entries()) await expect(verify(token)).resolves.toEqual(principals[index]);
    // Concurrent requests of one principal share one signing.
    const shared = reusingInternalTokenSigner(sign);
    const [x, y] = await Promise.all([shared(teacher), shared(teacher)]);
    expect(x).toBe(y);
    expect(count()).toBe(1);
  });

  it('forgets the oldest principal when full', async () => {
    const { sign, count } = await counting();
    const reusing = reusingInternalTokenSigner(sign, { maxEntries: 1 });
    await reusing(teacher);
    await reusing(otherTeacher);
    await reusing(teacher);
    expect(count()).toBe(3);
  });
});

describe('production environment', () => {
  const keys = JSON.stringify({ keys: [] });
  it('refuses CLOCK_NOW when NODE_ENV=production, with a message naming it', () => {
    expect(() =>
      checkKitEnv({ NODE_ENV: 'production', CLOCK_NOW: '2026-09-01T09:00:00+05:00', INTERNAL_TOKEN_PUBLIC_JWKS: keys }),
    ).toThrow(/CLOCK_NOW: .*refused when NODE_ENV=production/);
  });

  it('allows CLOCK_NOW outside production, and production without it', () => {
    expect(() =>
      checkKitEnv({
        NODE_ENV: 'development',
        CLOCK_NOW: '2026-09-01T09:00:00+05:00',
        INTERNAL_TOKEN_PUBLIC_JWKS: keys,
      }),
    ).not.toThrow();
    expect(() => checkKitEnv({ NODE_ENV: 'production', INTERNAL_TOKEN_PUBLIC_JWKS: keys })).not.toThrow();
  });

  it('requires a key set', () => {
    expect(() => checkKitEnv({ NODE_ENV: 'production' })).toThrow(/INTERNAL_TOKEN_PUBLIC_JWKS: required/);
  });
});
