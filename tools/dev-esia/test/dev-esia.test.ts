import type { AddressInfo } from 'node:net';
import { SignJWT, createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, isValidSnils } from '@region/schema';
import { DEMO_ACCOUNTS, ageOn, findAccountByLogin } from '@region/db/demo/accounts';
import { createDevEsia, type DevEsia } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { generateSigningKeys } from '../src/keys.ts';
import { allowedRedirectUri } from '../src/redirect-uri.ts';

const ISSUER = 'http://localhost:4010';
const AUDIENCE = 'region-edu-platform';
// Ages decide who may sign in (under 14: never); pin the day so the suite does not drift with the calendar.
const TODAY = new Date('2026-11-25T12:00:00Z');

let devEsia: DevEsia;
let baseUrl: string;

beforeAll(async () => {
  const keys = await generateSigningKeys();
  devEsia = createDevEsia({
    issuer: ISSUER,
    audience: AUDIENCE,
    publicUrl: ISSUER,
    ttlSeconds: 3600,
    keys,
    now: () => TODAY,
  });
  await new Promise<void>((resolve) => devEsia.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(devEsia.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  devEsia.server.closeAllConnections();
  await new Promise((resolve) => devEsia.server.close(resolve));
});

function account(login: string) {
  const found = findAccountByLogin(login);
  if (!found) throw new Error(`demo account ${login} is missing`);
  return found;
}

async function tokenFor(login: string): Promise<string> {
  const res = await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ login }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const getWith = (path: string, token?: string) =>
  fetch(`${baseUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('tokens', () => {
  it('issues an ESIA-shaped ES256 token that verifies against the published JWKS', async () => {
    const res = await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ login: 'guardian' }) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const jwks = createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(String(body.access_token), jwks, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({
      scope: 'openid fullname birthdate gender snils id_doc',
      client_id: AUDIENCE,
      'urn:esia:sbj_id': Number(account('guardian').oid),
      'urn:esia:sid': expect.any(String),
    });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('gives every token its own session id', async () => {
    const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const [first, second] = await Promise.all([tokenFor('teacher'), tokenFor('teacher')]);
    expect(decode(first)['urn:esia:sid']).not.toBe(decode(second)['urn:esia:sid']);
  });

  it('answers 404 for an unknown login and 400 for a body without one', async () => {
    const unknown = await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ login: 'nobody' }) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_login' });
    const empty = await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: '{}' });
    expect(empty.status).toBe(400);
  });

  it('refuses a token to a child under 14, who has no ESIA sign-in of their own', async () => {
    const res = await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ login: 'child-3b' }) });
    expect(res.status).toBe(403);
    await expect(devEsia.issueToken('child-3b')).rejects.toThrow(/under 14/);
  });
});

describe('service tokens', () => {
  it('issues a client-credentials token without an ESIA subject for a demo system, and 404 for an unknown one', async () => {
    const res = await fetch(`${baseUrl}/dev/service-token`, {
      method: 'POST',
      body: JSON.stringify({ client_id: 'epgu' }),
    });
    expect(res.status).toBe(200);
    const { access_token: token } = (await res.json()) as { access_token: string };
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`)), {
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(payload['urn:region:client_id']).toBe('epgu');
    expect(payload['urn:esia:sbj_id']).toBeUndefined();
    const unknown = await fetch(`${baseUrl}/dev/service-token`, {
      method: 'POST',
      body: JSON.stringify({ client_id: 'nobody' }),
    });
    expect(unknown.status).toBe(404);
  });
});

describe('demo users', () => {
  it('lists a login for every role except SERVICE', async () => {
    const users = (await (await fetch(`${baseUrl}/dev/users`)).json()) as {
      login: string;
      roles: string[];
      note: string;
    }[];
    const covered = new Set(users.flatMap((user) => user.roles));
    expect([...covered].sort()).toEqual(ROLES.filter((role) => role !== 'SERVICE').sort());
    for (const user of users) expect(user.note).not.toBe('');
  });

  it('has unique logins and numeric unique oids', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.login)).size).toBe(DEMO_ACCOUNTS.length);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.oid)).size).toBe(DEMO_ACCOUNTS.length);
    for (const a of DEMO_ACCOUNTS) expect(a.oid).toMatch(/^[1-9]\d{9}$/);
  });

  it('has unique SNILS and identity documents, as the person table requires (rule 8)', () => {
    const snils = DEMO_ACCOUNTS.flatMap((a) => (a.profile.snils ? [a.profile.snils] : []));
    const documents = DEMO_ACCOUNTS.flatMap(({ profile: { document: d } }) =>
      d ? [`${d.type} ${d.series} ${d.number}`] : [],
    );
    expect(new Set(snils).size).toBe(snils.length);
    expect(new Set(documents).size).toBe(documents.length);
  });

  it('gives every demo person a SNILS with a valid check digit', () => {
    for (const a of DEMO_ACCOUNTS) if (a.profile.snils) expect(isValidSnils(a.profile.snils), a.login).toBe(true);
  });

  it('refers only to existing accounts and keeps municipality consistent with the organization key', () => {
    for (const a of DEMO_ACCOUNTS) {
      for (const child of [...a.kids, ...(a.platform.childrenLogins ?? [])])
        expect(findAccountByLogin(child)).toBeDefined();
      if (a.platform.organization) expect(a.platform.organization.split('-')[1]).toBe(String(a.platform.municipality));
      expect(a.roles.length === 0).toBe(a.platform.kind === 'no-record');
    }
  });

  it('counts an age from midnight in the region, not in UTC', () => {
    // 00:30 on 15 March in UTC+5 is 19:30 UTC on 14 March.
    expect(ageOn('2012-03-15', new Date('2026-03-15T00:30:00+05:00'))).toBe(14);
    expect(ageOn('2012-03-15', new Date('2026-03-14T23:30:00+05:00'))).toBe(13);
  });

  it('keeps the minor without consent between 14 and 17, with a parent account linked to him', () => {
    expect(ageOn(account('minor').profile.birthDate, TODAY)).toBeGreaterThanOrEqual(14);
    expect(ageOn(account('minor').profile.birthDate, TODAY)).toBeLessThan(18);
    expect(account('minor-parent').platform.childrenLogins).toContain('minor');
    expect(ageOn(account('student').profile.birthDate, TODAY)).toBe(15);
  });
});

describe('person API rs/prns', () => {
  it('refuses a request without a token, or with a token this ESIA did not sign', async () => {
    const bare = await getWith(`/rs/prns/${account('guardian').oid}`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    const { privateKey } = await generateSigningKeys();
    const forged = await new SignJWT({ 'urn:esia:sbj_id': Number(account('guardian').oid) })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await getWith(`/rs/prns/${account('guardian').oid}`, forged)).status).toBe(401);
  });

  it("refuses another person's oid, even the parent's own child", async () => {
    const token = await tokenFor('guardian');
    expect((await getWith(`/rs/prns/${account('guardian2').oid}`, token)).status).toBe(403);
    expect((await getWith(`/rs/prns/${account('student').oid}`, token)).status).toBe(403);
    expect((await getWith(`/rs/prns/${account('guardian2').oid}/kids`, token)).status).toBe(403);
  });

  it('answers the person in ESIA format', async () => {
    const token = await tokenFor('guardian');
    const res = await getWith(`/rs/prns/${account('guardian').oid}`, token);
    expect(await res.json()).toMatchObject({
      lastName: 'Кузнецова',
      firstName: 'Ольга',
      middleName: 'Игоревна',
      birthDate: '25.06.1983',
      gender: 'F',
      snils: '170-334-528 40',
      citizenship: 'RUS',
      trusted: true,
    });
    const docs = await (await getWith(`/rs/prns/${account('guardian').oid}/docs`, token)).json();
    expect(docs).toMatchObject({
      elements: [{ type: 'RF_PASSPORT', series: '7503', number: '889410', issueDate: '15.07.2003' }],
    });
  });

  it("lists the parent's children known to ESIA, with their documents", async () => {
    const parent = account('teacher-parent');
    const token = await tokenFor('teacher-parent');
    const kids = (await (await getWith(`/rs/prns/${parent.oid}/kids`, token)).json()) as { elements: { id: string }[] };
    expect(kids.elements).toEqual([expect.objectContaining({ id: account('child-3b').oid, birthDate: '21.03.2018' })]);
    const docs = await (await getWith(`/rs/prns/${parent.oid}/kids/${account('child-3b').oid}/docs`, token)).json();
    expect(docs).toMatchObject({ elements: [{ type: 'RF_BRTH_CERT', series: 'IV-ИВ' }] });
    expect((await getWith(`/rs/prns/${parent.oid}/kids/${account('student').oid}`, token)).status).toBe(404);
  });
});

describe('login page', () => {
  const localRedirect = 'http://localhost:5173/auth/callback';

  it('lists the demo users in Russian', async () => {
    const res = await fetch(`${baseUrl}/login?redirect_uri=${encodeURIComponent(localRedirect)}&state=s1`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Кузнецова Ольга Игоревна');
    expect(html).toContain('Мать двоих детей');
  });

  it('redirects with the token in the fragment and the state echoed', async () => {
    const form = new URLSearchParams({ login: 'teacher', redirect_uri: localRedirect, state: 'xyz 1' });
    const res = await fetch(`${baseUrl}/login`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(localRedirect);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe('3600');
    expect(fragment.get('state')).toBe('xyz 1');
    const jwks = createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(fragment.get('access_token')!, jwks, { issuer: ISSUER, audience: AUDIENCE });
    expect(payload['urn:esia:sbj_id']).toBe(Number(account('teacher').oid));
  });

  it('refuses a redirect_uri outside localhost, which would leak the token', async () => {
    const evil = 'https://evil.example/steal';
    expect((await fetch(`${baseUrl}/login?redirect_uri=${encodeURIComponent(evil)}`)).status).toBe(400);
    const form = new URLSearchParams({ login: 'teacher', redirect_uri: evil });
    const res = await fetch(`${baseUrl}/login`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it.each([
    ['http://localhost.evil.example/', false],
    ['http://evil.example@localhost:3000/', false],
    ['http://localhost:3000/#x', false],
    ['javascript:alert(1)', false],
    ['http://127.0.0.1:4000/cb?x=1', true],
    ['http://[::1]:4000/cb', true],
  ])('accepts redirect_uri %s: %s', (uri, allowed) => {
    expect(allowedRedirectUri(uri) !== null).toBe(allowed);
  });
});

describe('environment', () => {
  it('refuses to start in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/refusing to start with NODE_ENV=production/);
  });

  it('defaults to port 4010, issuer on localhost and the platform audience', () => {
    expect(parseEnv({})).toEqual({
      nodeEnv: 'development',
      port: 4010,
      host: '127.0.0.1',
      issuer: 'http://localhost:4010',
      audience: AUDIENCE,
      smtpPort: 2525,
    });
    expect(() => parseEnv({ DEV_ESIA_PORT: 'abc' })).toThrow(/DEV_ESIA_PORT/);
  });

  it('listens on loopback only', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(parseEnv({ DEV_ESIA_HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'esia.example']) {
      expect(() => parseEnv({ DEV_ESIA_HOST: host })).toThrow(/DEV_ESIA_HOST: must be a loopback address/);
    }
  });

  it('answers health', async () => {
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ status: 'ok' });
  });
});
