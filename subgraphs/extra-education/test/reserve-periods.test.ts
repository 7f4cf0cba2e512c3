/**
 * Reserving the months of a contract beyond the funding period it was concluded in (rule 19a; «Reserve beyond
 * the current period» in docs/architecture.md), through the gateway: crediting the next period reserves the
 * remaining months of every active certificate contract in the same transaction, once; a certificate that
 * cannot cover them reserves what is available and its contract is reported underfunded; the month's charge
 * takes the reserve of the month's period; ending a contract releases what is left in every period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

let platform: Platform;
let centre: string;
let municipality: string;
const certificates = new Map<string, string>();
const contracts = new Map<string, string>();

const at = (date: string) => new Date(`${date}T06:00:00Z`);
function expectOk(result: GraphQLResponse) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

const PERIOD = `mutation ($input: CreateFundingPeriodInput!) { createFundingPeriod(input: $input) { id } }`;
const CREDIT = `mutation ($id: ID!) {
  creditFundingPeriod(periodId: $id) { credited reservedContracts underfundedContracts }
}`;
type Credit = { creditFundingPeriod: { credited: number; reservedContracts: number; underfundedContracts: string[] } };

async function period(startsOn: string, endsOn: string, norm: string): Promise<string> {
  const made = await platform.query<{ createFundingPeriod: { id: string } }>({ login: 'operator' }, PERIOD, {
    input: { startsOn, endsOn, normPerCertificate: norm },
  });
  expectOk(made);
  return made.data!.createFundingPeriod.id;
}

/** A published programme of the centre at the price with one group of 2026-09-01…2027-05-31. */
async function group(name: string, pricePerMonth: string): Promise<string> {
  const created = await platform.query<{ createProgramme: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }',
    {
      input: {
        organizationId: centre,
        name,
        direction: 'TECHNICAL',
        ageFrom: 5,
        ageTo: 17,
        durationMonths: 9,
        hours: 72,
        pricePerMonth,
        funding: ['CERTIFICATE'],
      },
    },
  );
  expectOk(created);
  const made = await platform.query<{ createGroup: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }',
    {
      input: {
        programmeId: created.data!.createProgramme.id,
        name: 'Группа 1',
        capacity: 5,
        startsOn: '2026-09-01',
        endsOn: '2027-05-31',
      },
    },
  );
  expectOk(made);
  expectOk(
    await platform.query({ login: 'extra-admin' }, 'mutation ($id: ID!) { publishProgramme(id: $id) { id } }', {
      id: created.data!.createProgramme.id,
    }),
  );
  return made.data!.createGroup.id;
}

async function contract(login: string, childId: string, groupId: string): Promise<string> {
  const applied = await platform.query<{ applyToGroup: { id: string } }>(
    { login: 'guardian' },
    'mutation ($input: ApplyToGroupInput!) { applyToGroup(input: $input) { id } }',
    { input: { groupId, childId, paymentMethod: 'CERTIFICATE' } },
  );
  expectOk(applied);
  const id = applied.data!.applyToGroup.id;
  expectOk(
    await platform.query(
      { login: 'extra-admin' },
      'mutation ($id: ID!) { decideExtraApplication(id: $id, accept: true) { id } }',
      { id },
    ),
  );
  const concluded = await platform.query<{ concludeExtraContract: { id: string } }>(
    { login },
    'mutation ($id: ID!) { concludeExtraContract(applicationId: $id, paymentMethod: CERTIFICATE) { id } }',
    { id },
  );
  expectOk(concluded);
  return concluded.data!.concludeExtraContract.id;
}

/** Σ of a contract's entries of a kind in a period (by the period's start), as text. */
async function sumOf(contractId: string, kind: string, startsOn: string): Promise<string> {
  const [row] = await platform.admin.sql<{ total: string }[]>`
    select coalesce(sum(l.amount), 0)::numeric(12,2)::text as total from extra_education.ledger_entries l
    join extra_education.funding_periods p on p.id = l.period_id
    where l.contract_id = ${contractId} and l.kind = ${kind} and p.starts_on = ${startsOn}`;
  return row!.total;
}

beforeAll(async () => {
  platform = await startPlatform({ now: at('2026-11-02'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ organization_id: string; municipality_id: string }[]>`
    select g.organization_id, o.municipality_id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    join people.organizations o on o.id = g.organization_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000121'`;
  centre = row!.organization_id;
  municipality = row!.municipality_id;
  await platform.admin.sql`truncate extra_education.outbox, extra_education.ledger_entries,
    extra_education.certificate_status_changes, extra_education.contracts,
    extra_education.application_status_history, extra_education.applications, extra_education.certificates,
    extra_education.funding_periods`;
  for (const [login, code] of [
    ['student-8b', '3117122351'],
    ['student', '4117122352'],
  ] as const) {
    const person = await personIdOf(platform.admin, login);
    const [issued] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.certificates (person_id, code, issued_on, source, municipality_id)
      values (${person}, ${code}, '2026-10-01', 'CABINET', ${municipality}) returning id`;
    await platform.admin.sql`insert into extra_education.certificate_status_changes (certificate_id, status, reason)
      values (${issued!.id}, 'FROZEN', 'Выдан')`;
    certificates.set(login, issued!.id);
  }
  // The autumn period (September–December), credited; the contracts are concluded in it on 2 November.
  const autumn = await period('2026-09-01', '2026-12-31', '20000');
  expectOk(await platform.query({ login: 'operator' }, CREDIT, { id: autumn }));
  const dear = await group('Робототехника', '1000');
  const cheap = await group('Шахматы', '500');
  contracts.set('student-8b', await contract('extra-admin', await personIdOf(platform.admin, 'student-8b'), dear));
  contracts.set('student', await contract('extra-admin', await personIdOf(platform.admin, 'student'), cheap));
});
afterAll(async () => {
  await platform?.stop();
});

describe('the months of a contract beyond its funding period', () => {
  it('reserves only the conclusion period’s months at first', async () => {
    expect(await sumOf(contracts.get('student-8b')!, 'RESERVE', '2026-09-01')).toBe('2000.00'); // Nov, Dec
    expect(await sumOf(contracts.get('student')!, 'RESERVE', '2026-09-01')).toBe('1000.00');
  });

  it('reserves the next period’s months when it is credited: what is available, flagging the short contract', async () => {
    const spring = await period('2027-01-01', '2027-08-31', '3000');
    const credited = await platform.query<Credit>({ login: 'operator' }, CREDIT, { id: spring });
    expectOk(credited);
    // January–May: 5 × 1000 = 5000 > 3000 available → 3000 and underfunded; 5 × 500 = 2500 → in full.
    expect(credited.data!.creditFundingPeriod).toEqual({
      credited: 2,
      reservedContracts: 2,
      underfundedContracts: [contracts.get('student-8b')],
    });
    expect(await sumOf(contracts.get('student-8b')!, 'RESERVE', '2027-01-01')).toBe('3000.00');
    expect(await sumOf(contracts.get('student')!, 'RESERVE', '2027-01-01')).toBe('2500.00');

    const again = await platform.query<Credit>({ login: 'operator' }, CREDIT, { id: spring });
    expectOk(again);
    expect(again.data!.creditFundingPeriod).toEqual({ credited: 0, reservedContracts: 0, underfundedContracts: [] });
    expect(await sumOf(contracts.get('student')!, 'RESERVE', '2027-01-01')).toBe('2500.00');
  });

  it('charges a month from the reserve of the month’s period', async () => {
    const CHARGE = 'mutation ($month: String!) { chargeExtraContracts(month: $month) { charged amount } }';
    expectOk(await platform.query({ login: 'operator' }, CHARGE, { month: '2026-12' }));
    expectOk(await platform.query({ login: 'operator' }, CHARGE, { month: '2027-01' }));
    const contract = contracts.get('student-8b')!;
    expect(await sumOf(contract, 'CHARGE', '2026-09-01')).toBe('1000.00');
    expect(await sumOf(contract, 'CHARGE', '2027-01-01')).toBe('1000.00');
  });

  it('releases what is left in every period when the contract ends', async () => {
    const contract = contracts.get('student-8b')!;
    expectOk(
      await platform.query(
        { login: 'extra-admin' },
        'mutation ($id: ID!) { endExtraContract(id: $id, reason: "Переезд") { id } }',
        { id: contract },
      ),
    );
    expect(await sumOf(contract, 'RELEASE', '2026-09-01')).toBe('1000.00');
    expect(await sumOf(contract, 'RELEASE', '2027-01-01')).toBe('2000.00');
  });

  it('refuses crediting to anyone but the regional operator', async () => {
    const [row] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.funding_periods where starts_on = '2027-01-01'`;
    const refused = await platform.query({ login: 'extra-admin' }, CREDIT, { id: row!.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
