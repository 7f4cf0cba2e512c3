/**
 * The access matrix grows with admissions (issue 4): each role against reading an application of a
 * school in municipality 1, listing the school's applications, deciding it, support search, campaign
 * figures and ЕПГУ intake — the allowed and the refused side of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let school: string;
let applicationId: string;

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-04-05T05:00:00Z') });
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  school = row!.organization_id;
  const token = await platform.serviceToken('epgu');
  const intake = await platform.query<{ intakeEpguApplication: { application: { id: string } } }>(
    { token },
    `mutation ($input: EpguApplicationInput!) { intakeEpguApplication(input: $input) { application { id } } }`,
    {
      input: {
        epguNumber: 'MATRIX-1',
        registeredAt: '2027-04-02T04:00:00Z',
        kind: 'FIRST_GRADE',
        year: 2027,
        category: 'TERRITORY',
        organizationIds: [school],
        child: { lastName: 'Матрицын', firstName: 'Лев', birthDate: '2020-06-06', birthCertificateNumber: '777001' },
        applicant: { lastName: 'Матрицына', firstName: 'Ольга' },
      },
    },
  );
  applicationId = intake.data!.intakeEpguApplication.application.id;
});
afterAll(async () => {
  await platform?.stop();
});

type Outcome = 'allow' | 'deny';
const ACTIONS = {
  read: (_: string) => ({
    query: 'query ($id: ID!) { application(id: $id) { id } }',
    variables: { id: applicationId },
    ok: (d: any) => d?.application?.id === applicationId,
  }),
  list: (_: string) => ({
    query: 'query ($o: ID!) { applications(organizationId: $o) { edges { node { id } } } }',
    variables: { o: school },
    ok: (d: any) => d?.applications?.edges?.some((e: any) => e.node.id === applicationId),
  }),
  decide: (_: string) => ({
    query:
      'mutation ($id: ID!) { changeApplicationStatus(id: $id, status: REJECTED, reason: "Проверка прав") { status } }',
    variables: { id: applicationId },
    ok: (d: any) => d?.changeApplicationStatus?.status === 'REJECTED',
  }),
  search: (_: string) => ({
    query: '{ searchApplications(birthCertificateNumber: "777001") { id } }',
    variables: {},
    ok: (d: any) => d?.searchApplications?.length === 1,
  }),
  campaign: (_: string) => ({
    query: '{ admissionsCampaign(year: 2027) { total } }',
    variables: {},
    ok: (d: any) => d?.admissionsCampaign?.total >= 1,
  }),
} as const;

const MATRIX: [login: string, action: keyof typeof ACTIONS, outcome: Outcome][] = [
  ['admin', 'read', 'allow'],
  ['admin', 'list', 'allow'],
  ['admin', 'search', 'allow'],
  ['admin', 'campaign', 'deny'],
  ['admin2', 'read', 'deny'],
  ['admin2', 'list', 'deny'],
  ['admin2', 'search', 'deny'],
  ['coordinator', 'read', 'allow'],
  ['coordinator', 'search', 'allow'],
  ['coordinator', 'campaign', 'allow'],
  ['coordinator', 'decide', 'deny'],
  ['operator', 'read', 'allow'],
  ['operator', 'campaign', 'allow'],
  ['analyst', 'read', 'deny'],
  ['analyst', 'search', 'deny'],
  ['analyst', 'campaign', 'allow'],
  ['teacher', 'read', 'deny'],
  ['teacher', 'search', 'deny'],
  ['teacher', 'decide', 'deny'],
  ['guardian', 'read', 'deny'],
  ['guardian', 'search', 'deny'],
  ['guardian', 'campaign', 'deny'],
  // The decision goes last: it moves the application to a final status.
  ['admin', 'decide', 'allow'],
];

describe.each(MATRIX)('%s: %s', (login, action, outcome) => {
  it(`→ ${outcome}`, async () => {
    const { query, variables, ok } = ACTIONS[action](login);
    const result = await platform.query<Record<string, unknown>>({ login }, query, variables);
    if (outcome === 'allow') {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(ok(result.data)).toBe(true);
    } else {
      expect(ok(result.data)).toBe(false);
      for (const error of result.errors ?? []) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(error.extensions?.code);
    }
  });
});

describe('ЕПГУ intake by role', () => {
  it('is refused to every person role and allowed to the ЕПГУ system', async () => {
    const mutation = `mutation ($input: EpguApplicationInput!) { intakeEpguApplication(input: $input) { created } }`;
    const input = {
      epguNumber: 'MATRIX-2',
      registeredAt: '2027-04-02T04:00:00Z',
      kind: 'FIRST_GRADE',
      year: 2027,
      category: 'TERRITORY',
      organizationIds: [school],
      child: { lastName: 'Матрицын', firstName: 'Лев', birthDate: '2020-06-06' },
      applicant: { lastName: 'Матрицына', firstName: 'Ольга' },
    };
    for (const login of ['operator', 'admin', 'coordinator', 'guardian']) {
      const result = await platform.query({ login }, mutation, { input });
      expect(result.errors?.[0]?.extensions?.code, login).toBe('FORBIDDEN');
    }
    const token = await platform.serviceToken('epgu');
    const result = await platform.query<{ intakeEpguApplication: { created: boolean } }>({ token }, mutation, {
      input,
    });
    expect(result.data?.intakeEpguApplication.created).toBe(true);
  });
});
