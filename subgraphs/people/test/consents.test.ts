/**
 * Consent to processing (rule 5): without it a person is depersonalized in every response, and the
 * record stays countable; a guardian withdraws and grants it for their child, a stranger cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk } from './helpers.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const CARD = 'query ($id: ID!) { person(id: $id) { id lastName fullName depersonalized snils birthDate } }';
type Card = {
  person: {
    id: string;
    lastName: string;
    fullName: string;
    depersonalized: boolean;
    snils: string | null;
    birthDate: string | null;
  } | null;
};

describe('consent to processing', () => {
  it('depersonalizes a child after the guardian withdraws consent, and restores the data when granted again', async () => {
    const child = await personIdOf(platform.admin, 'student-8b');
    const before = await platform.query<Card>({ login: 'guardian' }, CARD, { id: child });
    expect(before.data?.person?.depersonalized).toBe(false);
    expect(before.data?.person?.lastName).toBe(findAccountByLogin('student-8b')!.profile.lastName);

    expectOk(
      await platform.query(
        { login: 'guardian' },
        'mutation ($id: ID!) { withdrawConsent(personId: $id, kind: PROCESSING) { withdrawnAt } }',
        { id: child },
      ),
    );

    for (const login of ['guardian', 'admin', 'operator']) {
      const masked = await platform.query<Card>({ login }, CARD, { id: child });
      expect(masked.data?.person, login).toMatchObject({
        id: child,
        lastName: 'Обезличено',
        depersonalized: true,
        snils: null,
        birthDate: null,
      });
      expect(masked.data?.person?.fullName).not.toContain(findAccountByLogin('student-8b')!.profile.firstName);
    }
    const counted = await platform.query<{ persons: { totalCount: number } }>(
      { login: 'guardian' },
      '{ persons { totalCount } }',
    );
    expect(counted.data?.persons.totalCount).toBeGreaterThanOrEqual(2);

    expectOk(
      await platform.query(
        { login: 'guardian' },
        'mutation ($id: ID!) { grantConsent(personId: $id, kind: PROCESSING) { id } }',
        { id: child },
      ),
    );
    const restored = await platform.query<Card>({ login: 'guardian' }, CARD, { id: child });
    expect(restored.data?.person?.depersonalized).toBe(false);
    expect(restored.data?.person?.snils).not.toBeNull();
  });

  it('refuses a teacher and another family withdrawing consent for a child', async () => {
    const child = await personIdOf(platform.admin, 'student');
    const mutation = 'mutation ($id: ID!) { withdrawConsent(personId: $id, kind: PROCESSING) { id } }';
    expectCode(await platform.query({ login: 'teacher' }, mutation, { id: child }), 'FORBIDDEN');
    expectCode(await platform.query({ login: 'guardian2' }, mutation, { id: child }), 'FORBIDDEN');
  });
});
