/**
 * The 18th birthday begins at 00:00 in the region (DOMAIN.md, Times: UTC+5), not at 05:00 when UTC's date turns
 * (rule 3): a student logs in without a parent's consent from 00:30 local on that day, not at 23:30 the day before.
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
