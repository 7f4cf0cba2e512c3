/**
 * ГИР ВУ (issue 12, DOMAIN.md rules 14 and 22): the list holds exactly the learners of schools and colleges who turn
 * 17 in the region's current calendar year, the error report names the learners with a missing or wrong SNILS,
 * learners without consent are only counted, and each territory sees its own — through the gateway with real tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { isValidSnils } from '@region/schema';
import { snilsChecksum } from '@region/schema/identifiers';
import { SNILS_VALID_SQL } from '../src/modules/military-registration/repository.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

/** 23:30 on 31 December 2026 in the region (UTC+5): still 2026, so those born in 2009 turn 17. */
const LAST_EVENING = new Date('2026-12-31T18:30:00Z');
/** 00:30 on 1 January 2027 in the region (UTC still says 31 December): those born in 2010. */
const FIRST_NIGHT = new Date('2026-12-31T19:30:00Z');

let platform: Platform;
let school: string;
let municipality: string;
let foreignMunicipality: string;
let gir: string;
let centre: string;
const ids: Record<string, string> = {};

const nineDigits = () => `2${String(randomInt(0, 99_999_999)).padStart(8, '0')}`;
const validSnils = () => {
  const nine = nineDigits();
  return nine + snilsChecksum(nine);
};
const wrongSnils = () => {
  const nine = nineDigits();
  return nine + String((Number(snilsChecksum(nine)) + 1) % 100).padStart(2, '0');
};

interface Card {
  lastName: string;
  birthDate: string;
  organization?: string;
  consent?: boolean;
  snils?: string | null;
  citizenship?: string | null;
  document?: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE' | null;
  registrationAddress?: string | null;
  className?: string;
  ended?: boolean;
}

async function learner(key: string, card: Card): Promise<void> {
  const document = card.document === undefined ? 'RF_PASSPORT' : card.document;
  const series = document === 'RF_PASSPORT' ? String(randomInt(1000, 9999)) : document ? 'IV-ИВ' : null;
  const [row] = await platform.admin.sql<{ id: string }[]>`
    insert into people.persons (last_name, first_name, middle_name, normalized_name, birth_date, sex, snils,
      citizenship, place_of_birth, registration_address, residence_address,
      document_type, document_series, document_number, document_issued_on)
    values (${card.lastName}, 'Иван', 'Петрович', ${`${card.lastName.toLowerCase()} иван петрович`}, ${card.birthDate},
      'MALE', ${card.snils === undefined ? validSnils() : card.snils}, ${card.citizenship === undefined ? 'RUS' : card.citizenship},
      'г. Челябинск', ${card.registrationAddress === undefined ? 'г. Челябинск, ул. Ленина, 1' : card.registrationAddress},
      'г. Челябинск, ул. Ленина, 1', ${document}, ${series},
      ${document ? String(randomInt(100_000, 999_999)) : null}, ${document ? '2024-01-15' : null})
    returning id`;
  ids[key] = row!.id;
  await platform.admin.sql`insert into people.enrolments (person_id, organization_id, class_name, started_on, ended_on)
    values (${row!.id}, ${card.organization ?? gir}, ${card.className ?? '11А'}, '2025-09-01',
      ${card.ended ? '2026-10-01' : null})`;
  if (card.consent !== false) {
    await platform.admin.sql`insert into people.consents (person_id, kind) values (${row!.id}, 'PROCESSING')`;
  }
}

beforeAll(async () => {
  platform = await startPlatform({ now: LAST_EVENING });
  school = await organizationOf(platform, 'admin');
  const foreignSchool = await organizationOf(platform, 'admin2');
  const rows = await platform.admin.sql<{ id: string; municipality_id: string }[]>`
    select id, municipality_id from people.organizations where id in (${school}, ${foreignSchool})`;
  municipality = rows.find((row) => row.id === school)!.municipality_id;
  foreignMunicipality = rows.find((row) => row.id === foreignSchool)!.municipality_id;
  const organization = async (type: string, name: string) => {
    const [row] = await platform.admin.sql<{ id: string }[]>`
      insert into people.organizations (municipality_id, type, full_name, short_name, inn)
      values (${municipality}, ${type}, ${name}, ${name}, '7451000010') returning id`;
    return row!.id;
  };
  gir = await organization('SCHOOL', 'Школа ГИР ВУ');
  centre = await organization('EXTRA_EDUCATION', 'Центр ГИР ВУ');

  await learner('first-day', { lastName: 'Январев', birthDate: '2009-01-01' });
  await learner('last-day', { lastName: 'Декабрев', birthDate: '2009-12-31', snils: null });
  await learner('wrong-snils', { lastName: 'Ошибкин', birthDate: '2009-06-15', snils: wrongSnils() });
  await learner('certificate', {
    lastName: 'Свидетельев',
    birthDate: '2009-08-08',
    document: 'BIRTH_CERTIFICATE',
    registrationAddress: null,
  });
  await learner('leap', { lastName: 'Високосов', birthDate: '2008-02-29' });
  await learner('turns-18', { lastName: 'Старшов', birthDate: '2008-12-31' });
  await learner('turns-16', { lastName: 'Младшов', birthDate: '2010-01-01' });
  await learner('no-consent', { lastName: 'Несогласов', birthDate: '2009-03-03', consent: false, snils: null });
  await learner('foreigner', { lastName: 'Иностранцев', birthDate: '2009-05-05', citizenship: 'KAZ' });
  await learner('left', { lastName: 'Выбывшев', birthDate: '2009-07-07', ended: true });
  await learner('extra', { lastName: 'Кружков', birthDate: '2009-09-09', organization: centre });
  await learner('in-admins-school', { lastName: 'Школьнов', birthDate: '2009-04-04', organization: school });
});
afterAll(async () => {
  await platform?.stop();
});

type Learner = {
  personId: string;
  lastName: string;
  birthDate: string;
  snils: string | null;
  grade: number | null;
  organization: { id: string };
  problems: { code: string; message: string }[];
};
type Figures = {
  learners: number;
  learnersWithProblems: number;
  withheld: number;
  problems: { code: string; message: string; count: number }[];
};
type Registration = {
  militaryRegistration: {
    year: number;
    birthYear: number;
    summary: Figures;
    learners: {
      totalCount: number;
      edges: { cursor: string; node: Learner }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
};

const FIGURES = 'learners learnersWithProblems withheld problems { code message count }';
const LIST = `query ($o: ID, $m: ID, $only: Boolean, $first: Int, $after: String) {
  militaryRegistration(organizationId: $o, municipalityId: $m) {
    year birthYear summary { ${FIGURES} }
    learners(onlyWithProblems: $only, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { personId lastName birthDate snils grade organization { id } problems { code message } } }
    }
  }
}`;

async function list(login: string, variables: Record<string, unknown> = {}) {
  return platform.query<Registration>({ login }, LIST, { first: 200, ...variables });
}

async function allowed(login: string, variables: Record<string, unknown> = {}) {
  const result = await list(login, variables);
  expectOk(result);
  return result.data!.militaryRegistration!;
}

function expectRefused(result: GraphQLResponse<Registration>, code = 'FORBIDDEN'): void {
  expectCode(result, code);
  expect(result.data?.militaryRegistration ?? null).toBeNull();
}

const listed = (registration: NonNullable<Registration['militaryRegistration']>) =>
  registration.learners.edges.map((edge) => edge.node.personId).sort();
const idsOf = (...keys: string[]) => keys.map((key) => ids[key]!).sort();

describe('the list: exactly the learners who turn 17 this calendar year', () => {
  it('at 23:30 on 31 December (region) holds those born in that year minus 17, and no one else', async () => {
    platform.setNow(LAST_EVENING);
    const registration = await allowed('operator', { o: gir });
    expect(registration.year).toBe(2026);
    expect(registration.birthYear).toBe(2009);
    // Born 1 January and 31 December 2009 are in; 31 December 2008, 29 February 2008 and 1 January 2010 are not;
    // a foreign citizen, a learner who left and a learner of an extra-education centre are not sent.
    expect(listed(registration)).toEqual(idsOf('first-day', 'last-day', 'wrong-snils', 'certificate'));
    expect(registration.learners.totalCount).toBe(4);
    expect(registration.summary.learners).toBe(4);
  });

  it('at 00:30 on 1 January (region, still 31 December in UTC) moves to the next year', async () => {
    platform.setNow(FIRST_NIGHT);
    try {
      const registration = await allowed('operator', { o: gir });
      expect(registration.year).toBe(2027);
      expect(registration.birthYear).toBe(2010);
      expect(listed(registration)).toEqual(idsOf('turns-16'));
    } finally {
      platform.setNow(LAST_EVENING);
    }
  });

  it('carries the data the resource needs', async () => {
    const registration = await allowed('operator', { o: gir });
    const first = registration.learners.edges.find((edge) => edge.node.personId === ids['first-day'])!.node;
    expect(first).toMatchObject({ lastName: 'Январев', birthDate: '2009-01-01', grade: 11, organization: { id: gir } });
    expect(first.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
    expect(first.problems).toEqual([]);
  });

  it('pages with sealed cursors and refuses a forged one', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const registration = await allowed('operator', { o: gir, first: 3, after });
      seen.push(...registration.learners.edges.map((edge) => edge.node.personId));
      expect(registration.learners.pageInfo.endCursor ?? '').not.toContain('Январев');
      if (!registration.learners.pageInfo.hasNextPage) break;
      after = registration.learners.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(idsOf('first-day', 'last-day', 'wrong-snils', 'certificate'));
    expectCode(await list('operator', { o: gir, after: 'c1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 'BAD_USER_INPUT');
  });
});

describe('statements', () => {
  it('do not grow with the page: the same statements for 2 and for 4 learners with their organizations', async () => {
    const run = (first: number) => platform.recordStatements(() => list('operator', { o: gir, first }));
    const small = await run(2);
    const large = await run(4);
    expect(large).toEqual(small);
    expect(small.length).toBeLessThanOrEqual(5);
  });
});

describe('the error report', () => {
  it('names the learner with a missing SNILS and the one with a wrong check number, in Russian', async () => {
    const registration = await allowed('operator', { o: gir, only: true });
    const problems = new Map(
      registration.learners.edges.map((edge) => [edge.node.personId, edge.node.problems.map((p) => p.code)]),
    );
    expect([...problems.keys()].sort()).toEqual(idsOf('last-day', 'wrong-snils', 'certificate'));
    expect(problems.get(ids['last-day']!)).toEqual(['SNILS_MISSING']);
    expect(problems.get(ids['wrong-snils']!)).toEqual(['SNILS_INVALID']);
    expect(problems.get(ids['certificate']!)).toEqual(['DOCUMENT_NOT_PASSPORT', 'REGISTRATION_ADDRESS_MISSING']);
    const wrong = registration.learners.edges.find((edge) => edge.node.personId === ids['wrong-snils'])!.node;
    expect(wrong.problems[0]!.message).toMatch(/контрольное число/);
    // A wrong SNILS is still shown, so the school can compare it with the card.
    expect(wrong.snils).toMatch(/^2\d{2}-\d{3}-\d{3} \d{2}$/);
  });

  it('counts per organization and municipality, and counts the learner without consent apart', async () => {
    const result = await platform.query<{
      militaryRegistration: {
        organizations: { edges: { node: Figures & { organization: { id: string } } }[] };
        municipalities: (Figures & { municipality: { id: string } })[];
      };
    }>(
      { login: 'coordinator' },
      `query ($m: ID) { militaryRegistration(municipalityId: $m) {
        organizations(first: 200) { edges { node { organization { id } ${FIGURES} } } }
        municipalities { municipality { id } ${FIGURES} }
      } }`,
      { m: municipality },
    );
    expectOk(result);
    const line = result.data!.militaryRegistration.organizations.edges.find(
      (e) => e.node.organization.id === gir,
    )!.node;
    expect(line.learners).toBe(4);
    expect(line.learnersWithProblems).toBe(3);
    expect(line.withheld).toBe(1);
    const count = (code: string) => line.problems.find((problem) => problem.code === code)?.count ?? 0;
    // The depersonalized learner has no SNILS either, and is not counted in it (rule 5).
    expect(count('SNILS_MISSING')).toBe(1);
    expect(count('SNILS_INVALID')).toBe(1);
    expect(count('DOCUMENT_NOT_PASSPORT')).toBe(1);
    expect(line.problems.find((problem) => problem.code === 'SNILS_MISSING')?.message).toBe('Не указан СНИЛС.');
    const organizations = result.data!.militaryRegistration.organizations.edges.map((e) => e.node.organization.id);
    expect(organizations).not.toContain(centre);
    const [own] = result.data!.militaryRegistration.municipalities;
    expect(result.data!.militaryRegistration.municipalities).toHaveLength(1);
    expect(own!.municipality.id).toBe(municipality);
    expect(own!.learners).toBe(
      result.data!.militaryRegistration.organizations.edges.reduce((sum, e) => sum + e.node.learners, 0),
    );
  });

  it("counts in SQL what each learner's own problems say (the two rule sets agree on the school's data)", async () => {
    const registration = await allowed('admin', { o: school });
    expect(registration.learners.totalCount).toBeGreaterThan(1);
    expect(registration.learners.totalCount).toBeLessThanOrEqual(200);
    const counted = new Map<string, number>();
    for (const { node } of registration.learners.edges)
      for (const problem of node.problems) counted.set(problem.code, (counted.get(problem.code) ?? 0) + 1);
    expect(new Map(registration.summary.problems.map((problem) => [problem.code, problem.count]))).toEqual(counted);
    expect(registration.summary.learnersWithProblems).toBe(
      registration.learners.edges.filter((edge) => edge.node.problems.length > 0).length,
    );
  });
});

describe('the SNILS check in SQL', () => {
  it("agrees with people's card validation on every stored SNILS and on numbers without check digits", async () => {
    for (const snils of ['00100199800', '00100199900', '123-456-789 64', wrongSnils(), 'abc']) {
      await platform.admin.sql`insert into people.persons (last_name, first_name, normalized_name, snils)
        values ('Проверкин', 'Пётр', 'проверкин петр', ${snils})`;
    }
    const rows = await platform.admin.db.execute<{ snils: string; valid: boolean }>(
      sql`select people.persons.snils as snils, ${SNILS_VALID_SQL} as valid from people.persons
        where people.persons.snils is not null`,
    );
    expect(rows.length).toBeGreaterThan(100);
    const disagreeing = rows.filter((row) => row.valid !== isValidSnils(row.snils));
    expect(disagreeing).toEqual([]);
    expect(rows.filter((row) => !row.valid).length).toBeGreaterThanOrEqual(3);
  });
});

describe('learners without consent to processing (rule 5)', () => {
  it('are neither listed nor in the file, and the file says how many were withheld', async () => {
    const registration = await allowed('operator', { o: gir });
    expect(listed(registration)).not.toContain(ids['no-consent']);
    expect(registration.summary.withheld).toBe(1);
    const result = await platform.query<{
      militaryRegistration: {
        file: { fileName: string; mediaType: string; rowCount: number; withheld: number; contentBase64: string };
      };
    }>({ login: 'admin' }, '{ militaryRegistration { file { fileName mediaType rowCount withheld contentBase64 } } }');
    expectOk(result);
    const file = result.data!.militaryRegistration.file;
    const csv = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFФамилия;Имя;Отчество;Дата рождения;Пол;Класс;')).toBe(true);
    expect(csv).toContain('Школьнов;Иван;Петрович;04.04.2009;М;11А;Паспорт гражданина РФ;');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(file.rowCount + 1);
    expect(file.mediaType).toBe('text/csv;charset=utf-8');
  });

  it("file of the school: its own learners only, and not the other school's", async () => {
    const result = await platform.query<{ militaryRegistration: { file: { contentBase64: string } } }>(
      { login: 'operator' },
      'query ($o: ID) { militaryRegistration(organizationId: $o) { file { contentBase64 rowCount withheld } } }',
      { o: gir },
    );
    expectOk(result);
    const csv = Buffer.from(result.data!.militaryRegistration.file.contentBase64, 'base64').toString('utf8');
    expect(csv).toContain('Январев');
    expect(csv).not.toContain('Несогласов');
    expect(csv).not.toContain('Школьнов');
  });
});

describe('access', () => {
  it("gives the school admin their organization's list, unfiltered and filtered", async () => {
    for (const variables of [{}, { o: school }]) {
      const registration = await allowed('admin', variables);
      expect(listed(registration)).toContain(ids['in-admins-school']);
      for (const edge of registration.learners.edges) expect(edge.node.organization.id).toBe(school);
    }
  });

  it('refuses the school admin another school and a municipality', async () => {
    expectRefused(await list('admin', { o: gir }));
    expectRefused(await list('admin', { m: municipality }));
    expectRefused(await list('admin2', { o: school }));
  });

  it("gives the coordinator the municipality's schools and refuses another municipality", async () => {
    const registration = await allowed('coordinator', { m: municipality });
    expect(listed(registration)).toEqual(expect.arrayContaining(idsOf('first-day', 'in-admins-school')));
    expect(listed(await allowed('coordinator', { o: gir }))).toContain(ids['first-day']);
    expectRefused(await list('coordinator', { m: foreignMunicipality }));
    expectRefused(await list('admin2', { m: municipality }));
    // Unfiltered, the coordinator's list is the municipality's.
    expect(listed(await allowed('coordinator'))).toEqual(listed(registration));
  });

  it('gives the regional operator the region', async () => {
    const registration = await allowed('operator', { m: foreignMunicipality });
    expect(registration.summary.learners).toBeGreaterThan(0);
  });

  it('refuses the ministry analyst, teachers, families and an unknown filter with FORBIDDEN', async () => {
    for (const login of ['analyst', 'teacher', 'class-teacher', 'guardian', 'student']) {
      expectRefused(await list(login));
    }
    expectRefused(await list('admin', { o: '01900000-0000-7000-8000-000000000000' }));
  });

  it('refuses an external system: ЕПГУ by its scopes (FORBIDDEN), a municipal system by its manifest', async () => {
    const epgu = await platform.serviceToken('epgu');
    expectRefused(await platform.query<Registration>({ token: epgu }, LIST, { first: 10 }));
    // The municipal system's demo manifest (issue 14 §1) refuses any other text before planning.
    const municipal = await platform.serviceToken('mis-municipality-1');
    expectRefused(
      await platform.query<Registration>({ token: municipal }, LIST, { first: 10 }),
      'PERSISTED_QUERY_NOT_ALLOWED',
    );
  });
});
