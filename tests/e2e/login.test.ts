/**
 * Login through ESIA, rule by rule (DOMAIN.md 1–5a), through the real gateway with dev-ESIA tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const ME =
  '{ me { person { id lastName } dataTransferConsentRequired consentRequests { id kind child { id lastName } } } }';

type MeResult = {
  me: {
    person: { id: string; lastName: string };
    dataTransferConsentRequired: boolean;
    consentRequests: { id: string; kind: string; child: { id: string; lastName: string } }[];
  };
};

async function esiaLinksOf(oid: string) {
  return platform.admin.sql<{ person_id: string; method: string }[]>`
    select person_id, method from people.esia_links where esia_oid = ${oid}`;
}

describe('login of an adult', () => {
  it('admits an account already linked by its ESIA oid', async () => {
    const result = await platform.query<MeResult>({ login: 'guardian' }, ME);
    expect(result.status).toBe(200);
    expect(result.data?.me.person.lastName).toBe(findAccountByLogin('guardian')!.profile.lastName);
  });

  it('links a confirmed account to the record with the same SNILS on first login, then by oid', async () => {
    const account = findAccountByLogin('unlinked')!;
    expect(await esiaLinksOf(account.oid)).toHaveLength(0);
    const first = await platform.query<MeResult>({ login: 'unlinked' }, ME);
    expect(first.errors).toBeUndefined();
    const links = await esiaLinksOf(account.oid);
    expect(links).toEqual([{ person_id: first.data!.me.person.id, method: 'SNILS' }]);
    const history = await platform.admin.sql`
      select 1 from people.history where entity = 'esia_link' and entity_id = ${first.data!.me.person.id}`;
    expect(history).toHaveLength(1);
    const again = await platform.query<MeResult>({ login: 'unlinked' }, ME);
    expect(again.data?.me.person.id).toBe(first.data!.me.person.id);
  });

  it('refuses an account that matches two duplicate records with DUPLICATE_RECORDS', async () => {
    const result = await platform.query({ login: 'duplicate' }, ME);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('DUPLICATE_RECORDS');
    expect(result.errors?.[0]?.message).toMatch(/дубликат/);
    expect(await esiaLinksOf(findAccountByLogin('duplicate')!.oid)).toHaveLength(0);
  });

  it('does not link an unconfirmed account even when a record matches', async () => {
    const result = await platform.query({ login: 'untrusted' }, ME);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_LINKED');
    expect(result.errors?.[0]?.message).toMatch(/не подтверждена/);
    expect(await esiaLinksOf(findAccountByLogin('untrusted')!.oid)).toHaveLength(0);
  });

  it('tells an account with no record what happened and how to link', async () => {
    const result = await platform.query({ login: 'stranger' }, ME);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_LINKED');
    expect(result.errors?.[0]?.message).toContain(
      'С выбранной учётной записью портала Госуслуг не связан ни один пользователь системы',
    );
    expect(result.errors?.[0]?.message).toMatch(/Обратитесь в образовательную организацию/);
  });

  it('asks consent to data transfer once, on the first login', async () => {
    // Arrange a first login: the demo may have recorded this consent for the account already.
    const admin = await personIdOf(platform.admin, 'admin');
    await platform.admin.sql`delete from people.consents where person_id = ${admin} and kind = 'DATA_TRANSFER'`;
    const first = await platform.query<MeResult>({ login: 'admin' }, ME);
    expect(first.data?.me.dataTransferConsentRequired).toBe(true);
    const accepted = await platform.query<{ acceptDataTransfer: { dataTransferConsentRequired: boolean } }>(
      { login: 'admin' },
      'mutation { acceptDataTransfer { dataTransferConsentRequired } }',
    );
    expect(accepted.data?.acceptDataTransfer.dataTransferConsentRequired).toBe(false);
    const again = await platform.query<MeResult>({ login: 'admin' }, ME);
    expect(again.data?.me.dataTransferConsentRequired).toBe(false);
  });
});

describe('login of a minor (rule 3)', () => {
  it('holds the minor back until a linked parent consents, showing the request to that parent', async () => {
    const refused = await platform.query({ login: 'minor' }, ME);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');

    const parent = await platform.query<MeResult>({ login: 'minor-parent' }, ME);
    const request = parent.data?.me.consentRequests.find((r) => r.kind === 'MINOR_LOGIN');
    expect(request).toBeDefined();
    const minorId = request!.child.id;

    // A second attempt does not pile up requests.
    await platform.query({ login: 'minor' }, ME);
    const [counted] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.consent_requests where person_id = ${minorId} and resolved_at is null`;
    expect(counted?.count).toBe(1);

    // Another family's guardian may not consent for this child.
    const stranger = await platform.query(
      { login: 'guardian2' },
      'mutation ($id: ID!) { grantConsent(personId: $id, kind: MINOR_LOGIN) { id } }',
      { id: minorId },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await platform.query({ login: 'minor' }, ME)).status).toBe(403);

    const granted = await platform.query<{ grantConsent: { kind: string } }>(
      { login: 'minor-parent' },
      'mutation ($id: ID!) { grantConsent(personId: $id, kind: MINOR_LOGIN) { kind } }',
      { id: minorId },
    );
    expect(granted.errors).toBeUndefined();
    expect(granted.data?.grantConsent.kind).toBe('MINOR_LOGIN');

    const admitted = await platform.query<MeResult>({ login: 'minor' }, ME);
    expect(admitted.status).toBe(200);
    expect(admitted.data?.me.person.id).toBe(minorId);
    const after = await platform.query<MeResult>({ login: 'minor-parent' }, ME);
    expect(after.data?.me.consentRequests.filter((r) => r.child.id === minorId)).toEqual([]);
  });

  it('admits a minor whose parent consented earlier', async () => {
    const result = await platform.query<MeResult>({ login: 'student' }, ME);
    expect(result.status).toBe(200);
    expect(result.data?.me.person.lastName).toBe(findAccountByLogin('student')!.profile.lastName);
  });
});
