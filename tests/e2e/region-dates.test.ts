/**
 * People's dates are the region's (DOMAIN.md, Times: UTC+5), not UTC's, which turns at 05:00 local: the 18th
 * birthday (rule 3) admits a student without a parent's consent from 00:30 local, and a card's "today" (no birth
 * date in the future) is the region's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
const local = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);
const birthDate = findAccountByLogin('minor')!.profile.birthDate;
const eighteenth = `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
const dayBefore = new Date(Date.parse(`${eighteenth}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform({ now: local(dayBefore, '23:30'), principalTtlMs: 0 });
});
afterAll(async () => {
  await platform?.stop();
});

describe('the 18th birthday in the region’s time (rule 3)', () => {
  it('holds the student back at 23:30 local the day before, and admits them at 00:30 on the birthday', async () => {
    const before = await platform.query({ login: 'minor' }, '{ me { person { id } } }');
    expect(before.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
    platform.setNow(local(eighteenth, '00:30'));
    const on = await platform.query<{ me: { person: { id: string } } }>({ login: 'minor' }, '{ me { person { id } } }');
    expect(on.errors, JSON.stringify(on.errors)).toBeUndefined();
    expect(on.data?.me.person.id).toBeTruthy();
  });
});

describe('a card’s birth date against the region’s today (rule 7)', () => {
  const CREATE = `mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }`;
  const newborn = async (birthDate: string) => {
    const [grant] = await platform.admin.sql<{ organization_id: string }[]>`
      select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
      where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000104'`;
    return platform.query<{ createPerson: { id: string } }>({ login: 'admin' }, CREATE, {
      input: {
        organizationId: grant!.organization_id,
        lastName: 'Новорождённая',
        firstName: 'Ева',
        birthDate,
        processingConsent: true,
      },
    });
  };

  it('refuses a birth date of tomorrow at 23:30 local, and takes today’s at 00:30', async () => {
    platform.setNow(local('2029-10-09', '23:30'));
    expect((await newborn('2029-10-10')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    platform.setNow(local('2029-10-10', '00:30'));
    const created = await newborn('2029-10-10');
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  });
});
