/**
 * ПФДО certificates and funding (issue 11, DOMAIN.md rules 19, 19a, 20), through the gateway with real tokens:
 * a guardian obtains a certificate for a linked child of 5 to 18 on the region's date (the boundaries at 00:30
 * and 23:30 region time), one per child, with a random 10-digit code unique under concurrency; ЕПГУ intake is
 * idempotent for the same account and content and `CONFLICT` otherwise; the operator's funding periods do not
 * overlap and crediting is idempotent; the ledger's sums; a coordinator reads their municipality only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snilsChecksum } from '@region/schema';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

/** 1 November 2026, 11:00 in the region (UTC+5). */
const NOON = new Date('2026-11-01T06:00:00Z');
let platform: Platform;
let guardian: string;
let ownMunicipality: string;
let otherMunicipality: string;
let ownSchool: string;
let otherSchool: string;

const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GraphQLResponse<unknown>) =>
  (result.errors?.[0]?.extensions as { field?: string } | undefined)?.field;
function expectOk(result: GraphQLResponse<unknown>) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

let snilsSeq = 500_000_000;
function nextSnils(): string {
  const nine = String(++snilsSeq);
  return nine + snilsChecksum(nine);
}

interface ChildOptions {
  birthDate: string;
  /** Where the child is enrolled: a school of the coordinator's municipality (default), another one, nowhere. */
  school?: 'own' | 'other' | 'none';
  consent?: boolean;
  linked?: boolean;
  snils?: string;
}

let childSeq = 0;
/** A child card of this file's own, linked to the demo guardian (or not), with consent (or not). */
async function child(options: ChildOptions): Promise<string> {
  const name = `Сертификатов${++childSeq}`;
  const [row] = await platform.admin.sql<{ id: string }[]>`
    insert into people.persons (last_name, first_name, normalized_name, birth_date, snils)
    values (${name}, 'Тест', ${name.toLowerCase() + ' тест'}, ${options.birthDate}, ${options.snils ?? null})
    returning id`;
  const id = row!.id;
  if (options.linked !== false)
    await platform.admin.sql`insert into people.guardianships (guardian_id, child_id) values (${guardian}, ${id})`;
  const school = options.school ?? 'own';
  if (school !== 'none')
    await platform.admin.sql`insert into people.enrolments (person_id, organization_id, started_on)
      values (${id}, ${school === 'own' ? ownSchool : otherSchool}, '2026-09-01')`;
  if (options.consent !== false)
    await platform.admin.sql`insert into people.consents (person_id, kind, granted_by)
      values (${id}, 'PROCESSING', ${guardian})`;
  return id;
}

const CERTIFICATE = `id code depersonalized issuedOn source status statusName municipality { id }
  child { id } statusHistory { status statusName reason }`;
interface Certificate {
  id: string;
  code: string | null;
  depersonalized: boolean;
  issuedOn: string;
  source: string;
  status: string;
  statusName: string;
  municipality: { id: string };
  child: { id: string };
  statusHistory: { status: string; statusName: string; reason: string }[];
}
const ISSUE = `mutation ($childId: ID!) { issueCertificate(childId: $childId) { ${CERTIFICATE} } }`;
const issue = (childId: string, login = 'guardian') =>
  platform.query<{ issueCertificate: Certificate }>({ login }, ISSUE, { childId });

beforeAll(async () => {
  platform = await startPlatform({ now: NOON, principalTtlMs: 0 });
  guardian = await personIdOf(platform.admin, 'guardian');
  const coordinator = await personIdOf(platform.admin, 'coordinator');
  const [grant] = await platform.admin.sql<{ municipality_id: string }[]>`
    select municipality_id from people.role_grants
    where person_id = ${coordinator} and role = 'MUNICIPAL_COORDINATOR' and withdrawn_at is null`;
  ownMunicipality = grant!.municipality_id;
  const [own] = await platform.admin.sql<{ id: string }[]>`
    select id from people.organizations where type = 'SCHOOL' and municipality_id = ${ownMunicipality} limit 1`;
  const [other] = await platform.admin.sql<{ id: string; municipality_id: string }[]>`
    select id, municipality_id from people.organizations
    where type = 'SCHOOL' and municipality_id <> ${ownMunicipality} limit 1`;
  ownSchool = own!.id;
  otherSchool = other!.id;
  otherMunicipality = other!.municipality_id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('a guardian obtains a certificate in the cabinet', () => {
  it('for a 7-year-old linked child: 10 random digits, «Заморожен», the municipality of the child’s school', async () => {
    const id = await child({ birthDate: '2019-05-10' });
    const result = await issue(id);
    expectOk(result);
    const certificate = result.data!.issueCertificate;
    expect(certificate.code).toMatch(/^[1-9]\d{9}$/);
    expect(certificate).toMatchObject({
      depersonalized: false,
      issuedOn: '2026-11-01',
      source: 'CABINET',
      status: 'FROZEN',
      statusName: 'Заморожен',
      municipality: { id: ownMunicipality },
      child: { id },
    });
    expect(certificate.statusHistory).toEqual([
      { status: 'FROZEN', statusName: 'Заморожен', reason: 'Сертификат выдан' },
    ]);
    // The guardian reads it on the child's card, and by id.
    const card = await platform.query<{ person: { extraCertificate: { id: string; code: string } | null } }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { extraCertificate { id code } } }',
      { id },
    );
    expectOk(card);
    expect(card.data!.person.extraCertificate).toEqual({ id: certificate.id, code: certificate.code });
  });

  it('refuses a second certificate for the same child with CONFLICT naming the existing one’s status', async () => {
    const id = await child({ birthDate: '2018-02-01' });
    expectOk(await issue(id));
    const again = await issue(id);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('«Заморожен»');
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.certificates where person_id = ${id}`;
    expect(row!.count).toBe(1);
  });

  it('refuses a 4-year-old and an 18-year-old with BAD_USER_INPUT and a Russian reason', async () => {
    const four = await issue(await child({ birthDate: '2022-03-01' }));
    expect(codeOf(four)).toBe('BAD_USER_INPUT');
    expect(fieldOf(four)).toBe('childId');
    expect(four.errors![0]!.message).toMatch(/с 5 лет/);
    const eighteen = await issue(await child({ birthDate: '2008-01-01' }));
    expect(codeOf(eighteen)).toBe('BAD_USER_INPUT');
    expect(eighteen.errors![0]!.message).toMatch(/до 18 лет/);
  });

  it('refuses a child not linked to the guardian (FORBIDDEN), and writes nothing', async () => {
    const stranger = await child({ birthDate: '2019-05-10', linked: false });
    const result = await issue(stranger);
    expect(codeOf(result)).toBe('FORBIDDEN');
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.certificates where person_id = ${stranger}`;
    expect(row!.count).toBe(0);
  });

  it('refuses a depersonalized child (no consent to processing) with CONSENT_REQUIRED', async () => {
    const result = await issue(await child({ birthDate: '2019-05-10', consent: false }));
    expect(codeOf(result)).toBe('CONSENT_REQUIRED');
    expect(result.errors![0]!.message).toMatch(/согласи/);
  });

  it('refuses a child enrolled nowhere (no municipality to issue in) with CONFLICT', async () => {
    const result = await issue(await child({ birthDate: '2019-05-10', school: 'none' }));
    expect(codeOf(result)).toBe('CONFLICT');
    expect(result.errors![0]!.message).toMatch(/Госуслуги/);
  });

  it('judges the age on the region’s date: the 5th birthday from 00:30, the 18th birthday refused from 00:30', async () => {
    // Born 2 November: 23:30 on 1 November in the region is 18:30 UTC, 00:30 on 2 November is 19:30 UTC
    // (still 1 November in UTC).
    const fiveTomorrow = await child({ birthDate: '2021-11-02' });
    const eighteenTomorrowA = await child({ birthDate: '2008-11-02' });
    const eighteenTomorrowB = await child({ birthDate: '2008-11-02' });
    try {
      platform.setNow(new Date('2026-11-01T18:30:00Z'));
      const early = await issue(fiveTomorrow);
      expect(codeOf(early)).toBe('BAD_USER_INPUT');
      expect(early.errors![0]!.message).toMatch(/4 года/);
      const lastDay = await issue(eighteenTomorrowA);
      expectOk(lastDay);
      expect(lastDay.data!.issueCertificate.issuedOn).toBe('2026-11-01');

      platform.setNow(new Date('2026-11-01T19:30:00Z'));
      const birthday = await issue(fiveTomorrow);
      expectOk(birthday);
      expect(birthday.data!.issueCertificate.issuedOn).toBe('2026-11-02');
      const adult = await issue(eighteenTomorrowB);
      expect(codeOf(adult)).toBe('BAD_USER_INPUT');
      expect(adult.errors![0]!.message).toMatch(/до 18 лет/);
    } finally {
      platform.setNow(NOON);
    }
  });

  it('gives distinct random codes to many certificates issued at once, and one certificate to a child asked for at once', async () => {
    const children = await Promise.all(Array.from({ length: 24 }, () => child({ birthDate: '2015-06-15' })));
    const results = await Promise.all(children.map((id) => issue(id)));
    results.forEach(expectOk);
    const codes = results.map((result) => result.data!.issueCertificate.code!);
    expect(new Set(codes).size).toBe(children.length);
    expect(codes.every((code) => /^[1-9]\d{9}$/.test(code))).toBe(true);
    // Not sequential: sorted codes are not a run of consecutive numbers.
    const sorted = codes.map(Number).sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(children.length);

    const one = await child({ birthDate: '2015-06-15' });
    const racing = await Promise.all(Array.from({ length: 6 }, () => issue(one)));
    expect(racing.filter((result) => !result.errors).length).toBe(1);
    expect(racing.filter((result) => codeOf(result) === 'CONFLICT').length).toBe(5);
  });
});

const RECEIVE = `mutation ($input: EpguCertificateInput!) {
  receiveEpguCertificate(input: $input) { created certificate { id code source status issuedOn } }
}`;
type Receive = { receiveEpguCertificate: { created: boolean; certificate: { id: string; code: string | null } } };

describe('ЕПГУ intake', () => {
  let epgu: string;
  beforeAll(async () => {
    epgu = await platform.serviceToken('epgu');
  });

  it('matches the child by SNILS and birth date, stores the application once, and returns it on a replay', async () => {
    const snils = nextSnils();
    const id = await child({ birthDate: '2017-03-03', snils, linked: false });
    const input = {
      epguNumber: 'PFDO-0001',
      registeredAt: '2026-10-30T09:00:00Z',
      childSnils: `${snils.slice(0, 3)}-${snils.slice(3, 6)}-${snils.slice(6, 9)} ${snils.slice(9)}`,
      childBirthDate: '2017-03-03',
      municipalityId: otherMunicipality,
    };
    const first = await platform.query<Receive>({ token: epgu }, RECEIVE, { input });
    expectOk(first);
    expect(first.data!.receiveEpguCertificate.created).toBe(true);
    expect(first.data!.receiveEpguCertificate.certificate.code).toMatch(/^[1-9]\d{9}$/);
    const [stored] = await platform.admin.sql<{ person_id: string; municipality_id: string; source: string }[]>`
      select person_id, municipality_id, source from extra_education.certificates where epgu_number = 'PFDO-0001'`;
    expect(stored).toEqual({ person_id: id, municipality_id: otherMunicipality, source: 'EPGU' });

    const replay = await platform.query<Receive>({ token: epgu }, RECEIVE, { input: { ...input, childSnils: snils } });
    expectOk(replay);
    expect(replay.data!.receiveEpguCertificate).toEqual({ ...first.data!.receiveEpguCertificate, created: false });

    const changed = await platform.query({ token: epgu }, RECEIVE, {
      input: { ...input, registeredAt: '2026-10-31T09:00:00Z' },
    });
    expect(codeOf(changed)).toBe('CONFLICT');
    expect(changed.errors![0]!.message).not.toContain(first.data!.receiveEpguCertificate.certificate.code!);

    // Another system with the intake scope replaying the same number learns nothing either.
    await platform.admin.sql`update people.service_accounts set scopes = array_append(scopes, 'extra:intake')
      where client_id = 'mis-municipality-1'`;
    // Without its demo manifest (issue 14 §1), which holds no intake operation.
    await platform.admin.sql`update people.operation_manifests set active = false`;
    const other = await platform.query({ token: await platform.serviceToken('mis-municipality-1') }, RECEIVE, {
      input,
    });
    expect(codeOf(other)).toBe('CONFLICT');
    expect(JSON.stringify(other)).not.toContain(first.data!.receiveEpguCertificate.certificate.id);

    // A child who already holds a certificate gets no second one under another ЕПГУ number.
    const second = await platform.query({ token: epgu }, RECEIVE, { input: { ...input, epguNumber: 'PFDO-0002' } });
    expect(codeOf(second)).toBe('CONFLICT');
  });

  it('refuses a guardian calling intake (FORBIDDEN)', async () => {
    const result = await platform.query({ login: 'guardian' }, RECEIVE, {
      input: {
        epguNumber: 'PFDO-G',
        registeredAt: '2026-10-30T09:00:00Z',
        childSnils: nextSnils(),
        childBirthDate: '2017-03-03',
        municipalityId: ownMunicipality,
      },
    });
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('refuses an unknown child, a wrong birth date, a bad SNILS and a child under 5', async () => {
    const snils = nextSnils();
    await child({ birthDate: '2017-04-04', snils, linked: false });
    const base = {
      epguNumber: 'PFDO-X1',
      registeredAt: '2026-10-30T09:00:00Z',
      childSnils: snils,
      childBirthDate: '2017-04-05',
      municipalityId: ownMunicipality,
    };
    const wrongDate = await platform.query({ token: epgu }, RECEIVE, { input: base });
    expect(codeOf(wrongDate)).toBe('BAD_USER_INPUT');
    expect(fieldOf(wrongDate)).toBe('childSnils');
    const badSnils = await platform.query({ token: epgu }, RECEIVE, {
      input: { ...base, childSnils: '123-456-789 00' },
    });
    expect(codeOf(badSnils)).toBe('BAD_USER_INPUT');
    expect(fieldOf(badSnils)).toBe('childSnils');
    const youngSnils = nextSnils();
    await child({ birthDate: '2022-01-01', snils: youngSnils, linked: false });
    const young = await platform.query({ token: epgu }, RECEIVE, {
      input: { ...base, epguNumber: 'PFDO-X2', childSnils: youngSnils, childBirthDate: '2022-01-01' },
    });
    expect(codeOf(young)).toBe('BAD_USER_INPUT');
    expect(fieldOf(young)).toBe('childBirthDate');
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.certificates where epgu_number like 'PFDO-X%'`;
    expect(row!.count).toBe(0);
  });

  it('people answers epguChildId to the ЕПГУ account only, with the id and only when both SNILS and birth date match', async () => {
    const snils = nextSnils();
    const id = await child({ birthDate: '2016-07-07', snils, linked: false });
    const QUERY = 'query ($s: String!, $d: Date!) { epguChildId(snils: $s, birthDate: $d) }';
    const found = await platform.query<{ epguChildId: string | null }>({ token: epgu }, QUERY, {
      s: snils,
      d: '2016-07-07',
    });
    expectOk(found);
    expect(found.data!.epguChildId).toBe(id);
    const wrong = await platform.query<{ epguChildId: string | null }>({ token: epgu }, QUERY, {
      s: snils,
      d: '2016-07-08',
    });
    expectOk(wrong);
    expect(wrong.data!.epguChildId).toBeNull();
    const asGuardian = await platform.query({ login: 'guardian' }, QUERY, { s: snils, d: '2016-07-07' });
    expect(codeOf(asGuardian)).toBe('FORBIDDEN');
    const asOperator = await platform.query({ login: 'operator' }, QUERY, { s: snils, d: '2016-07-07' });
    expect(codeOf(asOperator)).toBe('FORBIDDEN');
  });
});

const CREATE_PERIOD = `mutation ($input: CreateFundingPeriodInput!) {
  createFundingPeriod(input: $input) { id startsOn endsOn normPerCertificate }
}`;
const CREDIT = `mutation ($id: ID!) { creditFundingPeriod(periodId: $id) { credited period { id creditedCertificates } } }`;
const MONEY = `query ($id: ID!) { certificate(id: $id) {
  money { period { id } credited reserved spent balance available }
  ledger { kind kindName amount month period { id } }
} }`;
type Money = {
  certificate: {
    money: {
      period: { id: string };
      credited: string;
      reserved: string;
      spent: string;
      balance: string;
      available: string;
    } | null;
    ledger: { kind: string; kindName: string; amount: string; month: string | null }[];
  };
};

describe('funding periods and crediting', () => {
  let periodId: string;
  let certificateId: string;

  // The demo region funds this school year already (its period, credits and reserves): this block starts the
  // year's funding from nothing, in its own copy of the database.
  beforeAll(async () => {
    await platform.admin.sql`delete from extra_education.ledger_entries`;
    await platform.admin.sql`delete from extra_education.funding_periods`;
  });

  it('lets the regional operator create a period; refuses overlap (CONFLICT), a zero norm and reversed dates', async () => {
    const created = await platform.query<{ createFundingPeriod: { id: string; normPerCertificate: string } }>(
      { login: 'operator' },
      CREATE_PERIOD,
      { input: { startsOn: '2026-09-01', endsOn: '2027-08-31', normPerCertificate: '12000' } },
    );
    expectOk(created);
    expect(created.data!.createFundingPeriod.normPerCertificate).toBe('12000.00');
    periodId = created.data!.createFundingPeriod.id;
    const overlap = await platform.query({ login: 'operator' }, CREATE_PERIOD, {
      input: { startsOn: '2027-08-31', endsOn: '2028-08-31', normPerCertificate: '12000' },
    });
    expect(codeOf(overlap)).toBe('CONFLICT');
    const zero = await platform.query({ login: 'operator' }, CREATE_PERIOD, {
      input: { startsOn: '2027-09-01', endsOn: '2028-08-31', normPerCertificate: '0' },
    });
    expect(codeOf(zero)).toBe('BAD_USER_INPUT');
    expect(fieldOf(zero)).toBe('normPerCertificate');
    const reversed = await platform.query({ login: 'operator' }, CREATE_PERIOD, {
      input: { startsOn: '2028-09-01', endsOn: '2027-08-31', normPerCertificate: '100' },
    });
    expect(codeOf(reversed)).toBe('BAD_USER_INPUT');
    expect(fieldOf(reversed)).toBe('endsOn');
  });

  it('refuses funding to anyone but the regional operator (FORBIDDEN)', async () => {
    for (const login of ['coordinator', 'guardian', 'extra-admin']) {
      const result = await platform.query({ login }, CREDIT, { id: periodId });
      expect(codeOf(result), login).toBe('FORBIDDEN');
    }
  });

  it('credits every certificate once; a second call credits none, a later certificate the next call', async () => {
    const [count] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.certificates where issued_on <= '2027-08-31'`;
    expect(count!.count).toBeGreaterThan(0);
    const first = await platform.query<{
      creditFundingPeriod: { credited: number; period: { creditedCertificates: number } };
    }>({ login: 'operator' }, CREDIT, { id: periodId });
    expectOk(first);
    expect(first.data!.creditFundingPeriod.credited).toBe(count!.count);
    expect(first.data!.creditFundingPeriod.period.creditedCertificates).toBe(count!.count);
    const second = await platform.query<{ creditFundingPeriod: { credited: number } }>({ login: 'operator' }, CREDIT, {
      id: periodId,
    });
    expectOk(second);
    expect(second.data!.creditFundingPeriod.credited).toBe(0);

    const later = await issue(await child({ birthDate: '2014-09-09' }));
    expectOk(later);
    certificateId = later.data!.issueCertificate.id;
    const third = await platform.query<{ creditFundingPeriod: { credited: number } }>({ login: 'operator' }, CREDIT, {
      id: periodId,
    });
    expect(third.data!.creditFundingPeriod.credited).toBe(1);
  });

  it('sums the ledger: credited, reserved, spent, balance, available', async () => {
    const [group] = await platform.admin.sql<{ id: string; organization_id: string }[]>`
      select g.id, p.organization_id from extra_education.groups g
      join extra_education.programmes p on p.id = g.programme_id limit 1`;
    const [certificate] = await platform.admin.sql<{ person_id: string }[]>`
      select person_id from extra_education.certificates where id = ${certificateId}`;
    const [application] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.applications (group_id, organization_id, child_id, source, status)
      values (${group!.id}, ${group!.organization_id}, ${certificate!.person_id}, 'CABINET', 'ENROLLED') returning id`;
    const [contract] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.contracts (application_id, group_id, organization_id, child_id, payment_method,
        price_per_month, concluded_on, certificate_id)
      values (${application!.id}, ${group!.id}, ${group!.organization_id}, ${certificate!.person_id}, 'CERTIFICATE',
        1000, '2026-11-01', ${certificateId}) returning id`;
    await platform.admin.sql`
      insert into extra_education.ledger_entries (certificate_id, kind, amount, period_id, contract_id, month)
      values (${certificateId}, 'RESERVE', 3000, ${periodId}, ${contract!.id}, null),
             (${certificateId}, 'CHARGE', 1000, ${periodId}, ${contract!.id}, '2026-11-01'),
             (${certificateId}, 'RELEASE', 500, ${periodId}, ${contract!.id}, null)`;
    const result = await platform.query<Money>({ login: 'guardian' }, MONEY, { id: certificateId });
    expectOk(result);
    expect(result.data!.certificate.money).toEqual({
      period: { id: periodId },
      credited: '12000.00',
      reserved: '1500.00',
      spent: '1000.00',
      balance: '11000.00',
      available: '9500.00',
    });
    expect(result.data!.certificate.ledger.map((entry) => entry.kind).sort()).toEqual([
      'CHARGE',
      'CREDIT',
      'RELEASE',
      'RESERVE',
    ]);
    const charge = result.data!.certificate.ledger.find((entry) => entry.kind === 'CHARGE')!;
    expect(charge).toMatchObject({ kindName: 'Списание за месяц', amount: '1000.00', month: '2026-11-01' });
  });

  it('lists the periods to a reader of extra education', async () => {
    const result = await platform.query<{ fundingPeriods: { id: string }[] }>(
      { login: 'coordinator' },
      '{ fundingPeriods { id startsOn endsOn normPerCertificate } }',
    );
    expectOk(result);
    expect(result.data!.fundingPeriods.map((period) => period.id)).toContain(periodId);
  });
});

const LIST = `query ($filter: CertificateFilter, $first: Int, $after: String) {
  certificates(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id municipality { id } status } }
  }
}`;
type List = {
  certificates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; municipality: { id: string }; status: string } }[];
  };
};

describe('reading certificates', () => {
  let ownId: string;
  let otherId: string;
  beforeAll(async () => {
    const own = await issue(await child({ birthDate: '2012-12-12' }));
    const other = await issue(await child({ birthDate: '2012-12-12', school: 'other' }));
    expectOk(own);
    expectOk(other);
    ownId = own.data!.issueCertificate.id;
    otherId = other.data!.issueCertificate.id;
    expect(other.data!.issueCertificate.municipality.id).toBe(otherMunicipality);
  });

  it('a coordinator lists only their municipality’s certificates and is refused another’s filter', async () => {
    const all = await platform.query<List>({ login: 'coordinator' }, LIST, { first: 200 });
    expectOk(all);
    const ids = all.data!.certificates.edges.map((edge) => edge.node.id);
    expect(ids).toContain(ownId);
    expect(ids).not.toContain(otherId);
    expect(all.data!.certificates.edges.every((edge) => edge.node.municipality.id === ownMunicipality)).toBe(true);
    const [count] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.certificates where municipality_id = ${ownMunicipality}`;
    expect(all.data!.certificates.totalCount).toBe(count!.count);

    const refused = await platform.query<List>({ login: 'coordinator' }, LIST, {
      filter: { municipalityId: otherMunicipality },
    });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const byId = await platform.query({ login: 'coordinator' }, 'query ($id: ID!) { certificate(id: $id) { id } }', {
      id: otherId,
    });
    expect(codeOf(byId)).toBe('NOT_FOUND');
  });

  it('the regional operator lists every municipality, filters by one and by status, page by page', async () => {
    const filtered = await platform.query<List>({ login: 'operator' }, LIST, {
      filter: { municipalityId: otherMunicipality, status: 'FROZEN' },
    });
    expectOk(filtered);
    expect(filtered.data!.certificates.edges.map((edge) => edge.node.id)).toContain(otherId);
    expect(filtered.data!.certificates.edges.every((edge) => edge.node.status === 'FROZEN')).toBe(true);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: GraphQLResponse<List> = await platform.query<List>({ login: 'operator' }, LIST, { first: 7, after });
      expectOk(page);
      seen.push(...page.data!.certificates.edges.map((edge) => edge.node.id));
      after = page.data!.certificates.pageInfo.hasNextPage ? page.data!.certificates.pageInfo.endCursor : null;
    } while (after);
    const [count] = await platform.admin.sql<
      { count: number }[]
    >`select count(*)::int from extra_education.certificates`;
    expect(new Set(seen).size).toBe(count!.count);
    expect(seen).toContain(ownId);
    expect(seen).toContain(otherId);
  });

  it('masks the code of a depersonalized child (consent withdrawn) and says so', async () => {
    const id = await child({ birthDate: '2013-01-20' });
    const issued = await issue(id);
    expectOk(issued);
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${id} and kind = 'PROCESSING'`;
    const result = await platform.query<{ certificate: { code: string | null; depersonalized: boolean } }>(
      { login: 'operator' },
      'query ($id: ID!) { certificate(id: $id) { code depersonalized status } }',
      { id: issued.data!.issueCertificate.id },
    );
    expectOk(result);
    expect(result.data!.certificate).toMatchObject({ code: null, depersonalized: true });
  });

  it('a guardian reads their child’s certificate, not another child’s (NOT_FOUND)', async () => {
    const mine = await platform.query({ login: 'guardian' }, 'query ($id: ID!) { certificate(id: $id) { id code } }', {
      id: ownId,
    });
    expectOk(mine);
    const other = await platform.query({ login: 'guardian2' }, 'query ($id: ID!) { certificate(id: $id) { id } }', {
      id: ownId,
    });
    expect(codeOf(other)).toBe('NOT_FOUND');
  });
});
