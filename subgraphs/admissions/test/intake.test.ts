/**
 * ЕПГУ intake (DOMAIN.md rule 16): only a service token may hand applications over; the same ЕПГУ
 * application sent twice — even at the same moment — is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let school: string;
let otherMunicipalitySchool: string;

const INTAKE = `mutation ($input: EpguApplicationInput!) {
  intakeEpguApplication(input: $input) { created application { id epguNumber source status childName applicantName history { to reason } } }
}`;

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
});

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-04-01T05:00:00Z') });
  const schools = await platform.admin.sql<{ id: string; own: boolean }[]>`
    select o.id, o.municipality_id = s.municipality_id as own
    from people.organizations o cross join people.service_accounts s
    where s.client_id = 'mis-municipality-1' and o.type = 'SCHOOL' order by o.id`;
  school = schools.find((row) => row.own)!.id;
  otherMunicipalitySchool = schools.find((row) => !row.own)!.id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('ЕПГУ intake', () => {
  it('stores the same application sent five times at once exactly once', async () => {
    const token = await platform.serviceToken('epgu');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.query<{ intakeEpguApplication: { created: boolean; application: { id: string } } }>(
          { token },
          INTAKE,
          { input: application('EPGU-2027-000001') },
        ),
      ),
    );
    for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.intakeEpguApplication.application.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data!.intakeEpguApplication.created)).toHaveLength(1);
    const stored = await platform.admin
      .sql`select 1 from admissions.applications where epgu_number = 'EPGU-2027-000001'`;
    expect(stored).toHaveLength(1);
    const history = await platform.admin
      .sql`select 1 from admissions.status_history h join admissions.applications a on a.id = h.application_id
      where a.epgu_number = 'EPGU-2027-000001'`;
    expect(history).toHaveLength(1);
  });

  it('answers a repeated delivery with the stored application', async () => {
    const token = await platform.serviceToken('epgu');
    const again = await platform.query<{
      intakeEpguApplication: {
        created: boolean;
        application: { epguNumber: string; source: string; childName: string; history: { to: string }[] };
      };
    }>({ token }, INTAKE, { input: application('EPGU-2027-000001') });
    expect(again.data!.intakeEpguApplication).toMatchObject({
      created: false,
      application: {
        epguNumber: 'EPGU-2027-000001',
        source: 'EPGU',
        childName: 'Госуслугин Марк',
        history: [{ to: 'SUBMITTED' }],
      },
    });
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
      select event, payload from admissions.outbox where application_id = ${stored!.id} order by id`;
    expect(queued.map((row) => [row.event, row.payload.to, row.payload.epguNumber])).toEqual([
      ['STATUS_CHANGED', 'SUBMITTED', 'EPGU-2027-000001'],
      ['STATUS_CHANGED', 'UNDER_REVIEW', 'EPGU-2027-000001'],
    ]);
  });

  it('refuses a person, and a municipal system for another municipality', async () => {
    const byPerson = await platform.query({ login: 'admin' }, INTAKE, { input: application('EPGU-2027-000002') });
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const municipal = await platform.serviceToken('mis-municipality-1');
    const own = await platform.query({ token: municipal }, INTAKE, { input: application('EPGU-2027-000003') });
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    const foreign = await platform.query({ token: municipal }, INTAKE, {
      input: application('EPGU-2027-000004', otherMunicipalitySchool),
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an unknown system', async () => {
    const result = await platform.query({ token: 'x' }, INTAKE, { input: application('EPGU-2027-000005') });
    expect(result.status).toBe(401);
  });
});
