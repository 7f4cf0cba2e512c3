/**
 * Support search (rule 16) and campaign statistics (rule 21) — for the roles that may see them only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let school: string;
let foreignSchool: string;

const INTAKE = `mutation ($input: EpguApplicationInput!) { intakeEpguApplication(input: $input) { application { id } } }`;

async function intake(epguNumber: string, organizationId: string, registeredAt: string, certificate: string) {
  const token = await platform.serviceToken('epgu');
  const result = await platform.query<{ intakeEpguApplication: { application: { id: string } } }>({ token }, INTAKE, {
    input: {
      epguNumber,
      registeredAt,
      kind: 'FIRST_GRADE',
      year: 2027,
      category: 'TERRITORY',
      organizationIds: [organizationId],
      child: {
        lastName: 'Поисков',
        firstName: 'Иван',
        birthDate: '2020-05-05',
        birthCertificateSeries: 'V-ИВ',
        birthCertificateNumber: certificate,
      },
      applicant: { lastName: 'Поискова', firstName: 'Анна' },
    },
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.intakeEpguApplication.application.id;
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-04-05T05:00:00Z') });
  const schools = await platform.admin.sql<{ id: string; own: boolean }[]>`
    select o.id, o.municipality_id = (select o2.municipality_id from people.organizations o2
      join people.role_grants g on g.organization_id = o2.id join people.esia_links l on l.person_id = g.person_id
      where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN' limit 1) as own
    from people.organizations o where o.type = 'SCHOOL' order by o.id`;
  const [adminSchool] = await platform.admin.sql<{ id: string }[]>`
    select g.organization_id as id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  school = adminSchool!.id;
  foreignSchool = schools.find((row) => !row.own)!.id;
  await platform.admin
    .sql`insert into admissions.places (organization_id, year, kind, total) values (${school}, 2027, 'FIRST_GRADE', 4)`;
  const first = await intake('EPGU-S-1', school, '2027-04-01T04:00:00Z', '100001');
  await intake('EPGU-S-2', school, '2027-04-02T04:00:00Z', '100002');
  await intake('EPGU-S-3', foreignSchool, '2027-04-02T05:00:00Z', '100003');
  // A planted violation: directed on 20 June, before 30 June (seed 001 counted 46 of these).
  await platform.admin
    .sql`update admissions.applications set status = 'DIRECTED', directed_organization_id = ${school} where id = ${first}`;
  await platform.admin.sql`insert into admissions.status_history (application_id, from_status, to_status, changed_at)
    values (${first}, 'ACCEPTED', 'DIRECTED', '2027-06-20T06:00:00Z')`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('support search', () => {
  const SEARCH = `query ($n: String, $d: Date, $s: String, $c: String) {
    searchApplications(epguNumber: $n, registeredOn: $d, birthCertificateSeries: $s, birthCertificateNumber: $c) { epguNumber childName }
  }`;

  it('finds an ЕПГУ application by its number and registration date for the school admin', async () => {
    const found = await platform.query<{ searchApplications: { epguNumber: string }[] }>({ login: 'admin' }, SEARCH, {
      n: 'EPGU-S-2',
      d: '2027-04-02',
    });
    expect(found.data?.searchApplications.map((a) => a.epguNumber)).toEqual(['EPGU-S-2']);
    const wrongDate = await platform.query<{ searchApplications: unknown[] }>({ login: 'admin' }, SEARCH, {
      n: 'EPGU-S-2',
      d: '2027-04-03',
    });
    expect(wrongDate.data?.searchApplications).toEqual([]);
  });

  it('finds by birth certificate, within the territory only', async () => {
    const own = await platform.query<{ searchApplications: unknown[] }>({ login: 'admin' }, SEARCH, {
      s: 'v-ив',
      c: '100001',
    });
    expect(own.data?.searchApplications).toHaveLength(1);
    const foreign = await platform.query<{ searchApplications: unknown[] }>({ login: 'admin' }, SEARCH, {
      c: '100003',
    });
    expect(foreign.data?.searchApplications).toEqual([]);
    const operator = await platform.query<{ searchApplications: unknown[] }>({ login: 'operator' }, SEARCH, {
      c: '100003',
    });
    expect(operator.data?.searchApplications).toHaveLength(1);
  });

  it('refuses a guardian', async () => {
    const result = await platform.query({ login: 'guardian' }, SEARCH, { c: '100001' });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('campaign statistics', () => {
  const STATS = `{ admissionsCampaign(year: 2027) {
    total fromEpgu epguShare bySource { source count }
    organizations { organization { id } applications places placesTaken placesFilledPercent earlyDirections lateOrders }
  } }`;
  type Stats = {
    admissionsCampaign: {
      total: number;
      fromEpgu: number;
      epguShare: number;
      organizations: {
        organization: { id: string };
        applications: number;
        places: number;
        placesTaken: number;
        placesFilledPercent: number | null;
        earlyDirections: number;
      }[];
    };
  };

  it("gives the municipal coordinator their municipality's figures, with the planted early direction", async () => {
    const result = await platform.query<Stats>({ login: 'coordinator' }, STATS);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const stats = result.data!.admissionsCampaign;
    expect(stats).toMatchObject({ total: 2, fromEpgu: 2, epguShare: 100 });
    const own = stats.organizations.find((o) => o.organization.id === school)!;
    expect(own).toMatchObject({
      applications: 2,
      places: 4,
      placesTaken: 1,
      placesFilledPercent: 25,
      earlyDirections: 1,
    });
    expect(stats.organizations.some((o) => o.organization.id === foreignSchool)).toBe(false);
  });

  it('gives the region the whole campaign, and the ministry its aggregates', async () => {
    for (const login of ['operator', 'analyst']) {
      const result = await platform.query<Stats>({ login }, STATS);
      expect(result.data?.admissionsCampaign.total, login).toBe(3);
    }
  });

  it("answers the campaign of the server's date when no year is given", async () => {
    const result = await platform.query<{ admissionsCampaign: { year: number; total: number } }>(
      { login: 'coordinator' },
      '{ admissionsCampaign { year total } }',
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data?.admissionsCampaign).toEqual({ year: 2027, total: 2 });
  });

  it('refuses a school admin and a guardian', async () => {
    for (const login of ['admin', 'guardian']) {
      const result = await platform.query({ login }, STATS);
      expect(result.errors?.[0]?.extensions?.code, login).toBe('FORBIDDEN');
    }
  });
});
