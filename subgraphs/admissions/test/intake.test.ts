/**
 * ЕПГУ intake (DOMAIN.md rule 16, issue 9 §3 and §5): only a service account with `admissions:intake` hands
 * applications over, within its territory; the same ЕПГУ application sent twice — even at the same moment —
 * is stored once; a replayed number is answered only to the account that sent it and only for the same
 * content, and reveals nothing otherwise; content the shared rules refuse is refused naming the field, and
 * nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let school: string;
let otherMunicipalitySchool: string;

const INTAKE = `mutation ($input: EpguApplicationInput!) {
  intakeEpguApplication(input: $input) { created application { id epguNumber source status history { to reason } } }
}`;

type IntakeData = {
  intakeEpguApplication: { created: boolean; application: { id: string; epguNumber: string } };
};

const application = (epguNumber: string, organizationId = school) => ({
  epguNumber,
  registeredAt: '2027-04-01T04:00:05Z',
  kind: 'FIRST_GRADE',
  year: 2027,
  category: 'PRIORITY',
  priorityRights: ['12'],
  organizationIds: [organizationId],
  child: {
    lastName: 'Госуслугин',
    firstName: 'Марк',
    birthDate: '2020-09-15',
    birthCertificateSeries: 'IV-ИВ',
    birthCertificateNumber: '123987',
  },
  applicant: { lastName: 'Госуслугина', firstName: 'Ольга', snils: '112-233-445 95', esiaOid: '1000999001' },
  residenceAddress: 'г. Копейск, ул. Ленина, 12',
});

function codeOf(result: { errors?: { extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0]?.extensions?.['code'];
}

async function storedCount(epguNumber: string): Promise<number> {
  const rows = await platform.admin.sql`select 1 from admissions.applications where epgu_number = ${epguNumber}`;
  return rows.length;
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-04-01T05:00:00Z') });
  const schools = await platform.admin.sql<{ id: string; own: boolean }[]>`
    select o.id, o.municipality_id = s.municipality_id as own
    from people.organizations o cross join people.service_accounts s
    where s.client_id = 'mis-municipality-1' and o.type = 'SCHOOL' order by o.id`;
  school = schools.find((row) => row.own)!.id;
  otherMunicipalitySchool = schools.find((row) => !row.own)!.id;
  // These tests are about intake by any system holding the scope, not about its persisted operations (issue 14
  // §1, tests/e2e/persisted-operations.test.ts): the municipal system runs here without its demo manifest.
  await platform.admin.sql`update people.operation_manifests set active = false`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('ЕПГУ intake', () => {
  it('stores the same application sent five times at once exactly once', async () => {
    const token = await platform.serviceToken('epgu');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.query<IntakeData>({ token }, INTAKE, { input: application('EPGU-2027-000001') }),
      ),
    );
    for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.intakeEpguApplication.application.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data!.intakeEpguApplication.created)).toHaveLength(1);
    expect(await storedCount('EPGU-2027-000001')).toBe(1);
    const history = await platform.admin
      .sql`select 1 from admissions.status_history h join admissions.applications a on a.id = h.application_id
      where a.epgu_number = 'EPGU-2027-000001'`;
    expect(history).toHaveLength(1);
  });

  it('answers a repeated delivery from the same account with the same content with the stored application', async () => {
    const token = await platform.serviceToken('epgu');
    const first = await platform.query<IntakeData>({ token }, INTAKE, { input: application('EPGU-2027-000011') });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    // The same content, written with other spacing: a redelivery, not a new application.
    const spaced = application('EPGU-2027-000011');
    spaced.child.lastName = ' Госуслугин ';
    const again = await platform.query<IntakeData>({ token }, INTAKE, { input: spaced });
    expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
    expect(again.data!.intakeEpguApplication).toMatchObject({
      created: false,
      application: { id: first.data!.intakeEpguApplication.application.id, epguNumber: 'EPGU-2027-000011' },
    });
  });

  it('refuses another account replaying a stored number with CONFLICT and reveals nothing of it', async () => {
    const epgu = await platform.serviceToken('epgu');
    const stored = await platform.query<IntakeData>({ token: epgu }, INTAKE, {
      input: application('EPGU-2027-000021'),
    });
    expect(stored.errors, JSON.stringify(stored.errors)).toBeUndefined();
    const storedId = stored.data!.intakeEpguApplication.application.id;
    const municipal = await platform.serviceToken('mis-municipality-1');
    // The very same content, and a guess with another child: both refused alike.
    for (const input of [
      application('EPGU-2027-000021'),
      {
        ...application('EPGU-2027-000021'),
        child: { lastName: 'Другой', firstName: 'Ребёнок', birthDate: '2020-10-10' },
      },
    ]) {
      const replay = await platform.query<IntakeData>({ token: municipal }, INTAKE, { input });
      expect(codeOf(replay)).toBe('CONFLICT');
      expect(replay.data?.intakeEpguApplication ?? null).toBeNull();
      const said = JSON.stringify(replay);
      for (const secret of [storedId, 'Госуслугин', 'Госуслугина', '2020-09-15', 'Ленина', '123987'])
        expect(said).not.toContain(secret);
    }
    expect(await storedCount('EPGU-2027-000021')).toBe(1);
  });

  it('refuses the same account sending other content under a stored number with CONFLICT; the record stays', async () => {
    const token = await platform.serviceToken('epgu');
    const first = await platform.query<IntakeData>({ token }, INTAKE, { input: application('EPGU-2027-000031') });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const other = {
      ...application('EPGU-2027-000031'),
      child: { lastName: 'Подменов', firstName: 'Иван', birthDate: '2020-11-11' },
    };
    const replay = await platform.query({ token }, INTAKE, { input: other });
    expect(codeOf(replay)).toBe('CONFLICT');
    expect(JSON.stringify(replay)).not.toContain(first.data!.intakeEpguApplication.application.id);
    const rows = await platform.admin.sql<{ child_last_name: string }[]>`
      select child_last_name from admissions.applications where epgu_number = 'EPGU-2027-000031'`;
    expect(rows).toEqual([{ child_last_name: 'Госуслугин' }]);
  });

  it('stores once when two accounts send the same number at once: one is answered, the other refused', async () => {
    const tokens = [await platform.serviceToken('epgu'), await platform.serviceToken('mis-municipality-1')];
    const results = await Promise.all(
      tokens.map((token) => platform.query<IntakeData>({ token }, INTAKE, { input: application('EPGU-2027-000051') })),
    );
    const created = results.filter((result) => result.data?.intakeEpguApplication.created === true);
    const refused = results.filter((result) => codeOf(result) === 'CONFLICT');
    expect([created.length, refused.length], JSON.stringify(results)).toEqual([1, 1]);
    expect(JSON.stringify(refused[0])).not.toContain(created[0]!.data!.intakeEpguApplication.application.id);
    expect(await storedCount('EPGU-2027-000051')).toBe(1);
  });

  it('refuses a replay of a number stored before accounts were recorded', async () => {
    const token = await platform.serviceToken('epgu');
    const first = await platform.query<IntakeData>({ token }, INTAKE, { input: application('EPGU-2027-000041') });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    await platform.admin.sql`update admissions.applications set intake_account_id = null, intake_content_hash = null
      where epgu_number = 'EPGU-2027-000041'`;
    expect(codeOf(await platform.query({ token }, INTAKE, { input: application('EPGU-2027-000041') }))).toBe(
      'CONFLICT',
    );
  });

  it('queues every status change of an ЕПГУ application for delivery back to ЕПГУ', async () => {
    const [stored] = await platform.admin.sql<{ id: string }[]>`
      select id from admissions.applications where epgu_number = 'EPGU-2027-000001'`;
    const change = await platform.query(
      { login: 'admin' },
      'mutation ($id: ID!) { changeApplicationStatus(id: $id, status: UNDER_REVIEW) { status } }',
      { id: stored!.id },
    );
    expect(change.errors, JSON.stringify(change.errors)).toBeUndefined();
    const queued = await platform.admin.sql<{ event: string; payload: { to: string; epguNumber: string } }[]>`
      select event, payload from admissions.outbox where application_id = ${stored!.id}
        and event = 'STATUS_CHANGED' order by id`;
    expect(queued.map((row) => [row.event, row.payload.to, row.payload.epguNumber])).toEqual([
      ['STATUS_CHANGED', 'SUBMITTED', 'EPGU-2027-000001'],
      ['STATUS_CHANGED', 'UNDER_REVIEW', 'EPGU-2027-000001'],
    ]);
  });

  it('refuses a person, and a municipal system for another municipality', async () => {
    const byPerson = await platform.query({ login: 'admin' }, INTAKE, { input: application('EPGU-2027-000002') });
    expect(codeOf(byPerson)).toBe('FORBIDDEN');
    const municipal = await platform.serviceToken('mis-municipality-1');
    const own = await platform.query({ token: municipal }, INTAKE, { input: application('EPGU-2027-000003') });
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    const foreign = await platform.query({ token: municipal }, INTAKE, {
      input: application('EPGU-2027-000004', otherMunicipalitySchool),
    });
    expect(codeOf(foreign)).toBe('FORBIDDEN');
    expect(await storedCount('EPGU-2027-000004')).toBe(0);
  });

  it('refuses an unknown system', async () => {
    const result = await platform.query({ token: 'x' }, INTAKE, { input: application('EPGU-2027-000005') });
    expect(result.status).toBe(401);
  });
});

describe('ЕПГУ intake validation (the shared rules of @region/schema)', () => {
  type Input = ReturnType<typeof application>;
  const child = (patch: Partial<Input['child']>) => (input: Input) => ({
    ...input,
    child: { ...input.child, ...patch },
  });
  const REFUSED: [string, (input: Input) => unknown, string][] = [
    ['a blank last name', child({ lastName: '   ' }), 'child.lastName'],
    ['a blank first name', child({ firstName: '' }), 'child.firstName'],
    [
      'a blank applicant name',
      (input) => ({ ...input, applicant: { ...input.applicant, lastName: ' ' } }),
      'applicant.lastName',
    ],
    ['a child born in the future', child({ birthDate: '2027-04-02' }), 'child.birthDate'],
    ['a first grader of 4 on 1 September', child({ birthDate: '2022-09-02' }), 'child.birthDate'],
    ['a first grader of 10 on 1 September', child({ birthDate: '2017-09-01' }), 'child.birthDate'],
    [
      'a kindergarten child of 8 on 1 September',
      (input) => ({
        ...child({ birthDate: '2019-08-31' })(input),
        kind: 'KINDERGARTEN',
        category: 'OTHER',
        priorityRights: [],
      }),
      'child.birthDate',
    ],
    [
      'a tenth grader of 12',
      (input) => ({ ...child({ birthDate: '2015-06-01' })(input), kind: 'TENTH_GRADE' }),
      'child.birthDate',
    ],
    [
      'an organization id that is not an id',
      (input) => ({ ...input, organizationIds: ['школа № 1'] }),
      'organizationIds',
    ],
    [
      'an organization admissions does not know',
      (input) => ({ ...input, organizationIds: [randomUUID()] }),
      'organizationIds',
    ],
    ['a registration in the future', (input) => ({ ...input, registeredAt: '2027-04-01T06:00:00Z' }), 'registeredAt'],
    [
      'a SNILS with a wrong check digit',
      (input) => ({ ...input, applicant: { ...input.applicant, snils: '112-233-445 96' } }),
      'applicant.snils',
    ],
    ['a preferential category without its point', (input) => ({ ...input, priorityRights: [] }), 'priorityRights'],
  ];

  it.each(REFUSED)('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_, change, field) => {
    const token = await platform.serviceToken('epgu');
    const number = `EPGU-BAD-${field.replace(/\W/g, '')}-${REFUSED.findIndex(([name]) => name === _)}`;
    const result = await platform.query({ token }, INTAKE, { input: change(application(number)) });
    expect(codeOf(result), JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    expect((result.errors![0]!.extensions as Record<string, unknown>)['field']).toBe(field);
    expect(result.errors![0]!.message).toMatch(/[А-Яа-я]/);
    expect(await storedCount(number)).toBe(0);
  });

  it('accepts the bounds: a first grader of exactly 5 and one just under 10 on 1 September', async () => {
    const token = await platform.serviceToken('epgu');
    for (const [number, birthDate] of [
      ['EPGU-AGE-5', '2022-09-01'],
      ['EPGU-AGE-10', '2017-09-02'],
    ] as const) {
      const result = await platform.query({ token }, INTAKE, {
        input: child({ birthDate })(application(number)),
      });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
  });

  it('accepts a registration a minute ahead of its clock (clock skew), and a valid SNILS', async () => {
    const token = await platform.serviceToken('epgu');
    const result = await platform.query({ token }, INTAKE, {
      input: { ...application('EPGU-SKEW-1'), registeredAt: '2027-04-01T05:01:00Z' },
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  });
});
