/**
 * One identity document however it is written (rule 8, issue 9 §5), and the school portfolio's comparison
 * with what ESIA said at login (rule 12, condition 3), through the gateway with dev ESIA's person API.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { normalizeIdentityDocument, sameIdentityDocument } from '@region/schema';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;

beforeAll(async () => {
  platform = await startPlatform({ principalTtlMs: 0 });
  school = await organizationOf(platform, 'admin');
});
afterAll(async () => {
  await platform?.stop();
});

describe('one writing of an identity document', () => {
  it('normalizes spaces, №, case and dashes, and splits a ten-digit passport', () => {
    expect(normalizeIdentityDocument('RF_PASSPORT', '75 00', '123456')).toEqual({ series: '7500', number: '123456' });
    expect(normalizeIdentityDocument('RF_PASSPORT', null, '7500 123456')).toEqual({ series: '7500', number: '123456' });
    expect(normalizeIdentityDocument('RF_PASSPORT', '', '№ 75 00 123456')).toEqual({
      series: '7500',
      number: '123456',
    });
    expect(normalizeIdentityDocument('BIRTH_CERTIFICATE', 'iv–ив', '583 201')).toEqual({
      series: 'IV-ИВ',
      number: '583201',
    });
    expect(
      sameIdentityDocument(
        { type: 'RF_PASSPORT', series: '75 00', number: '123456' },
        { type: 'RF_PASSPORT', series: '7500', number: '123 456' },
      ),
    ).toBe(true);
    expect(
      sameIdentityDocument(
        { type: 'RF_PASSPORT', series: '7500', number: '123456' },
        { type: 'RF_PASSPORT', series: '7501', number: '123456' },
      ),
    ).toBe(false);
  });

  const CREATE =
    'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id identityDocument { series number } } }';
  const card = (lastName: string, documentSeries: string | null, documentNumber: string) => ({
    input: {
      organizationId: school,
      processingConsent: true,
      lastName,
      firstName: 'Ольга',
      birthDate: '1990-01-01',
      documentType: 'RF_PASSPORT',
      documentSeries,
      documentNumber,
    },
  });

  it('refuses a second card with the same passport written differently, and stores one writing', async () => {
    const first = await platform.query<{ createPerson: { identityDocument: unknown } }>(
      { login: 'admin' },
      CREATE,
      card('Первова', '75 00', '123456'),
    );
    expectOk(first);
    expect(first.data!.createPerson.identityDocument).toEqual({ series: '7500', number: '123456' });
    for (const [series, number] of [
      ['7500', '123456'],
      [null, '7500 123456'],
      ['75 00', '123 456'],
    ] as const) {
      const second = await platform.query({ login: 'admin' }, CREATE, card('Вторая', series, number));
      expectCode(second, 'CONFLICT');
    }
    expectOk(await platform.query({ login: 'admin' }, CREATE, card('Третья', '7500', '123457')));
  });

  it('links an ESIA account by name, birth date and a document the school wrote differently', async () => {
    const stranger = findAccountByLogin('stranger')!;
    const { profile } = stranger;
    const created = await platform.query<{ createPerson: { id: string } }>({ login: 'admin' }, CREATE, {
      input: {
        organizationId: school,
        processingConsent: true,
        lastName: profile.lastName,
        firstName: profile.firstName,
        middleName: profile.middleName,
        birthDate: profile.birthDate,
        documentType: 'RF_PASSPORT',
        // ESIA says series 7512, number 359076; the school typed it as one run.
        documentNumber: `${profile.document!.series} ${profile.document!.number}`,
      },
    });
    expectOk(created);
    const me = await platform.query<{ me: { person: { id: string } } }>(
      { login: 'stranger' },
      '{ me { person { id } } }',
    );
    expectOk(me);
    expect(me.data!.me.person.id).toBe(created.data!.createPerson.id);
  });

  it('rewrites stored documents in one writing (migration 0009), leaving would-be duplicates to the merge', async () => {
    const insert = async (lastName: string, series: string | null, number: string) => {
      const [row] = await platform.admin.sql<{ id: string }[]>`
        insert into people.persons (last_name, first_name, normalized_name, document_type, document_series, document_number)
        values (${lastName}, 'Мигрант', ${lastName.toLowerCase() + ' мигрант'}, 'RF_PASSPORT', ${series}, ${number})
        returning id`;
      return row!.id;
    };
    const spaced = await insert('Пробелов', '75 21', '000111');
    const joined = await insert('Слитнов', null, '7521000222');
    const twinA = await insert('Двоев', '75 21', '000333');
    const twinB = await insert('Двоева', '7521', '000 333');
    const migration = readFileSync(
      new URL('../../../db/migrations/0009_normalize_documents.sql', import.meta.url),
      'utf8',
    );
    await platform.admin.sql.begin(async (tx) => {
      for (const statement of migration.split('--> statement-breakpoint')) await tx.unsafe(statement);
    });
    const rows = await platform.admin.sql<{ id: string; document_series: string; document_number: string }[]>`
      select id, document_series, document_number from people.persons where id in ${platform.admin.sql([spaced, joined, twinA, twinB])}`;
    const byId = new Map(rows.map((row) => [row.id, [row.document_series, row.document_number]]));
    expect(byId.get(spaced)).toEqual(['7521', '000111']);
    expect(byId.get(joined)).toEqual(['7521', '000222']);
    expect(byId.get(twinA)).toEqual(['75 21', '000333']);
    expect(byId.get(twinB)).toEqual(['7521', '000 333']);
  });
});

describe('portfolio readiness against ESIA (rule 12, condition 3)', () => {
  const READINESS =
    'query ($id: ID!) { person(id: $id) { portfolioReadiness { ready problems { code field guardian { id } } } } }';
  type Readiness = {
    person: { portfolioReadiness: { ready: boolean; problems: { code: string; field: string | null }[] } };
  };

  it("keeps what ESIA said at the guardian's login, with the children ESIA lists", async () => {
    expectOk(await platform.query({ login: 'guardian' }, '{ me { person { id } } }'));
    const [profile] = await platform.admin.sql<{ birth_date: string; document_series: string; kids: unknown[] }[]>`
      select birth_date::text, document_series, kids from people.esia_profiles
      where esia_oid = ${findAccountByLogin('guardian')!.oid}`;
    expect(profile).toMatchObject({ birth_date: '1983-06-25', document_series: '7503' });
    expect(profile!.kids).toHaveLength(2);
  });

  it('is ready when the cards match ESIA, and names the field that does not', async () => {
    const child = await personIdOf(platform.admin, 'student');
    const guardian = await personIdOf(platform.admin, 'guardian');
    const ask = async () => {
      const result = await platform.query<Readiness>({ login: 'guardian' }, READINESS, { id: child });
      expectOk(result);
      return result.data!.person.portfolioReadiness;
    };
    const esiaCodes = (readiness: Readiness['person']['portfolioReadiness']) =>
      readiness.problems.filter((problem) => problem.code.includes('ESIA'));
    expect(esiaCodes(await ask())).toEqual([]);

    await platform.admin.sql`update people.persons set birth_date = birth_date + 1 where id = ${child}`;
    expect(esiaCodes(await ask())).toContainEqual({
      code: 'CHILD_ESIA_MISMATCH',
      field: 'BIRTH_DATE',
      guardian: { id: guardian },
    });
    await platform.admin.sql`update people.persons set birth_date = birth_date - 1 where id = ${child}`;

    await platform.admin.sql`update people.persons set document_number = '000000' where id = ${guardian}`;
    expect(esiaCodes(await ask())).toContainEqual({
      code: 'GUARDIAN_ESIA_MISMATCH',
      field: 'IDENTITY_DOCUMENT',
      guardian: { id: guardian },
    });
  });
});
