/**
 * Ages of the login rules in the region's calendar (UTC+5): a child under 14 never logs in themself, even
 * with a correctly signed token (rule 5a); a parent's MINOR_LOGIN consent exists only for 14–17 (rule 3).
 * Each boundary is tried at 00:30 local on the birthday and at 23:30 local the evening before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { signAccessToken } from '@region/dev-esia/tokens';
import { personIdOf } from '@region/tests/demo-people';
import { ESIA_AUDIENCE, ESIA_ISSUER, startPlatform, type Platform } from '@region/tests/platform';
import { ageOn, regionAge } from '@region/kit';
import { loginAge } from '../src/modules/login/age.ts';
import { expectCode, expectOk } from './helpers.ts';

/** A moment given as the region's local time (UTC+5). */
const local = (dateTime: string) => new Date(`${dateTime}+05:00`);

describe('age in the region', () => {
  it('counts full years by dates, a 29 February birthday from 1 March', () => {
    expect(ageOn('2012-05-17', '2026-05-16')).toBe(13);
    expect(ageOn('2012-05-17', '2026-05-17')).toBe(14);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('turns 14 and 18 at local midnight, not at 05:00 (UTC midnight)', () => {
    expect(regionAge('2012-05-17', local('2026-05-16T23:30'))).toBe(13);
    expect(regionAge('2012-05-17', local('2026-05-17T00:30'))).toBe(14);
    expect(loginAge('2012-05-17', local('2026-05-16T23:30'))).toBe('UNDER_14');
    expect(loginAge('2012-05-17', local('2026-05-17T00:30'))).toBe('MINOR');
    expect(loginAge('2008-05-17', local('2026-05-16T23:30'))).toBe('MINOR');
    expect(loginAge('2008-05-17', local('2026-05-17T00:30'))).toBe('ADULT');
  });
});

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ principalTtlMs: 0 });
});
afterAll(async () => {
  await platform?.stop();
});

/** A token ESIA would never issue (a child under 14), signed with ESIA's own key all the same. */
async function signedToken(login: string): Promise<string> {
  const settings = { issuer: ESIA_ISSUER, audience: ESIA_AUDIENCE, ttlSeconds: 600 };
  return signAccessToken(platform.esiaKeys, settings, findAccountByLogin(login)!);
}

async function loginAs(login: string) {
  return platform.query<{ me: { person: { id: string } } }>(
    { token: await signedToken(login) },
    '{ me { person { id } } }',
  );
}

async function openRequests(personId: string): Promise<number> {
  const [row] = await platform.admin.sql<{ count: number }[]>`
    select count(*)::int as count from people.consent_requests
    where person_id = ${personId} and kind = 'MINOR_LOGIN' and resolved_at is null`;
  return row!.count;
}

describe('login of a child', () => {
  it('refuses a child under 14 with CHILD_UNDER_14 though the token is correctly signed, and asks no parent', async () => {
    platform.setNow(new Date());
    const child = await personIdOf(platform.admin, 'child-3b');
    const result = await loginAs('child-3b');
    expect(result.status).toBe(403);
    expectCode(result, 'CHILD_UNDER_14');
    expect(result.errors?.[0]?.message).toContain('младше 14 лет');
    expect(await openRequests(child)).toBe(0);
  });

  it("takes ESIA's birth date when the card has none: a blank card is no way in", async () => {
    platform.setNow(new Date());
    const child = await personIdOf(platform.admin, 'child-3b');
    await platform.admin.sql`update people.persons set birth_date = null where id = ${child}`;
    try {
      expectCode(await loginAs('child-3b'), 'CHILD_UNDER_14');
    } finally {
      await platform.admin.sql`update people.persons set birth_date = '2018-03-21' where id = ${child}`;
    }
  });

  it('answers CHILD_UNDER_14 on the subgraph too, when the gateway asks for the login', async () => {
    platform.setNow(new Date());
    const account = findAccountByLogin('child-3b')!;
    const response = await fetch(platform.peopleUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.signInternal({ kind: 'GATEWAY' })}`,
      },
      body: JSON.stringify({
        query: 'mutation ($input: EsiaLoginInput!) { _resolveLogin(input: $input) { outcome principal message } }',
        variables: {
          input: {
            oid: account.oid,
            profile: {
              lastName: account.profile.lastName,
              firstName: account.profile.firstName,
              birthDate: account.profile.birthDate,
              trusted: true,
            },
          },
        },
      }),
    });
    const body = (await response.json()) as { data: { _resolveLogin: { outcome: string; principal: string | null } } };
    expect(body.data._resolveLogin).toMatchObject({ outcome: 'CHILD_UNDER_14', principal: null });
  });

  it('lets the 14th birthday begin at 00:30 local: refused as under 14 the evening before, asked for consent after', async () => {
    const child = await personIdOf(platform.admin, 'child-3b');
    // The demo region gives every linked minor a parent's consent; this child has none yet.
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${child} and kind = 'MINOR_LOGIN' and withdrawn_at is null`;
    // child-3b is born on 2018-03-21.
    platform.setNow(local('2032-03-20T23:30'));
    expectCode(await loginAs('child-3b'), 'CHILD_UNDER_14');
    platform.setNow(local('2032-03-21T00:30'));
    const minor = await loginAs('child-3b');
    expect(minor.status).toBe(403);
    expectCode(minor, 'CONSENT_REQUIRED');
    expect(await openRequests(child)).toBe(1);
  });

  it('admits without a parent from the 18th birthday, 00:30 local, and not at 23:30 the evening before', async () => {
    // minor is born on 2011-09-19 and has no parent's consent.
    platform.setNow(local('2029-09-18T23:30'));
    expectCode(await loginAs('minor'), 'CONSENT_REQUIRED');
    platform.setNow(local('2029-09-19T00:30'));
    expectOk(await loginAs('minor'));
  });
});

describe('MINOR_LOGIN consent', () => {
  const GRANT = 'mutation ($id: ID!) { grantConsent(personId: $id, kind: MINOR_LOGIN) { id } }';

  it('is refused for a child under 14 and granted from the 14th birthday (00:30 local)', async () => {
    const child = await personIdOf(platform.admin, 'child-3b');
    platform.setNow(local('2032-03-20T23:30'));
    const early = await platform.query<{ grantConsent: unknown }>({ login: 'teacher-parent' }, GRANT, { id: child });
    expectCode(early, 'CONFLICT');
    expect(early.errors?.[0]?.message).toContain('нет 14 лет');
    platform.setNow(local('2032-03-21T00:30'));
    expectOk(await platform.query({ login: 'teacher-parent' }, GRANT, { id: child }));
  });

  it('is refused from the 18th birthday (00:30 local), still granted at 23:30 the evening before', async () => {
    const child = await personIdOf(platform.admin, 'minor');
    platform.setNow(local('2029-09-18T23:30'));
    expectOk(await platform.query({ login: 'minor-parent' }, GRANT, { id: child }));
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${child} and kind = 'MINOR_LOGIN' and withdrawn_at is null`;
    platform.setNow(local('2029-09-19T00:30'));
    const adult = await platform.query({ login: 'minor-parent' }, GRANT, { id: child });
    expectCode(adult, 'CONFLICT');
    expect(adult.errors?.[0]?.message).toContain('18 лет');
  });
});
