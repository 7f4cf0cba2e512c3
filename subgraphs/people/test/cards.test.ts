/**
 * Person cards: check digits, no second record for an existing SNILS or document, confirmation for a
 * likely duplicate, history of every change (DOMAIN.md rules 6, 8, 9), and who may write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
});
afterAll(async () => {
  await platform?.stop();
});

const CREATE = `mutation ($input: CreatePersonInput!, $confirm: Boolean) {
  createPerson(input: $input, confirmPossibleDuplicate: $confirm) { id lastName snils birthDate }
}`;

type Created = { createPerson: { id: string; lastName: string; snils: string | null } };

const card = (overrides: Record<string, unknown> = {}) => ({
  organizationId: school,
  lastName: 'Тестова',
  firstName: 'Анна',
  middleName: 'Игоревна',
  birthDate: '2016-03-14',
  sex: 'FEMALE',
  snils: '112-233-445 95',
  processingConsent: true,
  ...overrides,
});

describe('creating a card', () => {
  it('creates a card with a valid SNILS, returns it to its organization and writes history', async () => {
    const result = await platform.query<Created>({ login: 'admin' }, CREATE, { input: card() });
    expectOk(result);
    expect(result.data?.createPerson.snils).toBe('112-233-445 95');
    const history = await platform.admin.sql<{ field: string }[]>`
      select field from people.history where entity = 'person' and entity_id = ${result.data!.createPerson.id}`;
    expect(history.map((row) => row.field)).toEqual(expect.arrayContaining(['lastName', 'snils', 'birthDate']));
  });

  it('keeps a card registered without consent to processing depersonalized', async () => {
    const result = await platform.query<{
      createPerson: { id: string; lastName: string; snils: string | null; depersonalized: boolean };
    }>(
      { login: 'admin' },
      'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id lastName snils depersonalized } }',
      {
        input: card({
          processingConsent: false,
          snils: '156-725-938 02',
          lastName: 'Безсогласия',
          birthDate: '2016-07-07',
        }),
      },
    );
    expectOk(result);
    expect(result.data?.createPerson).toMatchObject({ lastName: 'Обезличено', snils: null, depersonalized: true });
  });

  it('refuses a SNILS with a wrong check digit, naming the field', async () => {
    const result = await platform.query({ login: 'admin' }, CREATE, {
      input: card({ snils: '112-233-445 96', lastName: 'Другая' }),
    });
    expectCode(result, 'BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/СНИЛС/);
    const [counted] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.persons where last_name = 'Другая'`;
    expect(counted?.count).toBe(0);
  });

  it('refuses a second record for an existing SNILS', async () => {
    const result = await platform.query({ login: 'admin' }, CREATE, {
      input: card({ lastName: 'Иная', firstName: 'Мария', birthDate: '2015-01-01' }),
    });
    expectCode(result, 'CONFLICT');
    expect(result.errors?.[0]?.message).toMatch(/СНИЛС уже есть/);
  });

  it('refuses a second record for an existing identity document', async () => {
    const input = { documentType: 'BIRTH_CERTIFICATE', documentSeries: 'IV-ИВ', documentNumber: '765432' };
    expectOk(
      await platform.query({ login: 'admin' }, CREATE, {
        input: card({ ...input, snils: null, lastName: 'Первая', birthDate: '2016-01-02' }),
      }),
    );
    const second = await platform.query({ login: 'admin' }, CREATE, {
      input: card({ ...input, snils: null, lastName: 'Вторая', birthDate: '2016-01-03' }),
    });
    expectCode(second, 'CONFLICT');
    expect(second.errors?.[0]?.message).toMatch(/документом уже есть/);
  });

  it('asks to confirm a likely duplicate (same full name and birth date), then creates it when confirmed', async () => {
    const input = card({ snils: null, lastName: 'Тёзкина' });
    expectOk(await platform.query({ login: 'admin' }, CREATE, { input }));
    const twin = await platform.query({ login: 'admin' }, CREATE, { input: { ...input, lastName: 'Тезкина' } });
    expectCode(twin, 'CONFLICT');
    expect((twin.errors?.[0]?.extensions as { reason?: string }).reason).toBe('POSSIBLE_DUPLICATE');
    const confirmed = await platform.query<Created>({ login: 'admin' }, CREATE, {
      input: { ...input, lastName: 'Тезкина' },
      confirm: true,
    });
    expectOk(confirmed);
  });

  it('refuses to create a card in another organization', async () => {
    const other = await organizationOf(platform, 'admin2');
    const result = await platform.query({ login: 'admin' }, CREATE, {
      input: card({ organizationId: other, snils: null, lastName: 'Чужая' }),
    });
    expectCode(result, 'FORBIDDEN');
  });

  it('refuses a teacher', async () => {
    const result = await platform.query({ login: 'teacher' }, CREATE, {
      input: card({ snils: null, lastName: 'Учительская' }),
    });
    expectCode(result, 'FORBIDDEN');
  });
});

describe('editing a card', () => {
  const UPDATE =
    'mutation ($id: ID!, $input: PersonPatch!) { updatePerson(id: $id, input: $input) { id placeOfBirth } }';

  it('lets the admin of the organization edit a student card and keeps the old value in history', async () => {
    const student = await personIdOf(platform.admin, 'student');
    const [before] = await platform.admin.sql<
      { place_of_birth: string | null }[]
    >`select place_of_birth from people.persons where id = ${student}`;
    const result = await platform.query<{ updatePerson: { placeOfBirth: string } }>({ login: 'admin' }, UPDATE, {
      id: student,
      input: { placeOfBirth: 'пос. Тестовый-1' },
    });
    expectOk(result);
    expect(result.data?.updatePerson.placeOfBirth).toBe('пос. Тестовый-1');
    const [entry] = await platform.admin.sql<{ old_value: unknown; new_value: unknown; changed_by: string }[]>`
      select old_value, new_value, changed_by from people.history
      where entity = 'person' and entity_id = ${student} and field = 'placeOfBirth' order by id desc limit 1`;
    expect(entry?.old_value).toBe(before?.place_of_birth ?? null);
    expect(entry?.new_value).toBe('пос. Тестовый-1');
    expect(entry?.changed_by).toBe(await personIdOf(platform.admin, 'admin'));
  });

  it("refuses a teacher editing a class member's card", async () => {
    const student = await personIdOf(platform.admin, 'student');
    const result = await platform.query({ login: 'teacher' }, UPDATE, {
      id: student,
      input: { placeOfBirth: 'где-то' },
    });
    expectCode(result, 'FORBIDDEN');
  });

  it("answers NOT_FOUND for a card outside the admin's reach", async () => {
    const stranger = await personIdOf(platform.admin, 'child-4a');
    const result = await platform.query({ login: 'admin' }, UPDATE, {
      id: stranger,
      input: { placeOfBirth: 'где-то' },
    });
    expectCode(result, 'NOT_FOUND');
  });
});

describe('history of a card', () => {
  const HISTORY = 'query ($id: ID!) { person(id: $id) { id history { field oldValue newValue changedBy { id } } } }';
  type History = {
    person: {
      id: string;
      history:
        { field: string; oldValue: string | null; newValue: string | null; changedBy: { id: string } | null }[] | null;
    } | null;
  };

  it("shows the change to the organization's admin and to the child's guardian", async () => {
    const student = await personIdOf(platform.admin, 'student');
    expectOk(
      await platform.query(
        { login: 'admin' },
        'mutation ($id: ID!) { updatePerson(id: $id, input: { residenceAddress: "ул. Истории, 1" }) { id } }',
        { id: student },
      ),
    );
    for (const login of ['admin', 'guardian']) {
      const result = await platform.query<History>({ login }, HISTORY, { id: student });
      expectOk(result);
      const entry = result.data?.person?.history?.find((h) => h.field === 'residenceAddress');
      expect(entry, login).toMatchObject({ newValue: JSON.stringify('ул. Истории, 1') });
    }
    // Who changed it is a card like any other: the admin sees their own, the guardian does not see the admin's.
    const byAdmin = await platform.query<History>({ login: 'admin' }, HISTORY, { id: student });
    const entry = byAdmin.data?.person?.history?.find((h) => h.field === 'residenceAddress');
    expect(entry?.changedBy?.id).toBe(await personIdOf(platform.admin, 'admin'));
  });

  it('refuses a teacher at the gateway: the field is null with FORBIDDEN and the card still answers', async () => {
    const student = await personIdOf(platform.admin, 'student');
    const result = await platform.query<History>({ login: 'teacher' }, HISTORY, { id: student });
    expect(result.data?.person?.id).toBe(student);
    expect(result.data?.person?.history).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'person.history'],
    ]);
  });
});
