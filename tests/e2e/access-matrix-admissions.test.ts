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

/**
 * allow: the data is there; a code: refused with that code (the row looked up by id answers as a missing
 * one, NOT_FOUND); empty: a list filtered in SQL comes back without the row, and no error — the same list
 * has the row for a principal who may read it (the `allow` case of the same action).
 */
type Outcome = 'allow' | 'empty' | 'FORBIDDEN' | 'NOT_FOUND';
const ACTIONS = {
  read: () => ({
    query: 'query ($id: ID!) { application(id: $id) { id } }',
    variables: { id: applicationId },
    ok: (d: any) => d?.application?.id === applicationId,
  }),
  list: () => ({
    query: 'query ($o: ID!) { applications(organizationId: $o) { edges { node { id } } } }',
    variables: { o: school },
    ok: (d: any) => d?.applications?.edges?.some((e: any) => e.node.id === applicationId),
  }),
  decide: () => ({
    query:
      'mutation ($id: ID!) { changeApplicationStatus(id: $id, status: REJECTED, reason: "Проверка прав") { status } }',
    variables: { id: applicationId },
    ok: (d: any) => d?.changeApplicationStatus?.status === 'REJECTED',
  }),
  search: () => ({
    query: '{ searchApplications(birthCertificateNumber: "777001") { id } }',
    variables: {},
    ok: (d: any) => d?.searchApplications?.length === 1,
  }),
  campaign: () => ({
    query: '{ admissionsCampaign(year: 2027) { total } }',
    variables: {},
    ok: (d: any) => d?.admissionsCampaign?.total >= 1,
  }),
} as const;

const MATRIX: [login: string, action: keyof typeof ACTIONS, outcome: Outcome][] = [
  ['admin', 'read', 'allow'],
  ['admin', 'list', 'allow'],
  ['admin', 'search', 'allow'],
  ['admin', 'campaign', 'FORBIDDEN'],
  ['admin2', 'read', 'NOT_FOUND'],
  ['admin2', 'list', 'empty'],
  ['admin2', 'search', 'empty'],
  ['coordinator', 'read', 'allow'],
  ['coordinator', 'search', 'allow'],
  ['coordinator', 'campaign', 'allow'],
  ['coordinator', 'decide', 'FORBIDDEN'],
  ['operator', 'read', 'allow'],
  ['operator', 'campaign', 'allow'],
  ['analyst', 'read', 'NOT_FOUND'],
  ['analyst', 'search', 'FORBIDDEN'],
  ['analyst', 'campaign', 'allow'],
  ['teacher', 'read', 'NOT_FOUND'],
  ['teacher', 'search', 'FORBIDDEN'],
  ['teacher', 'decide', 'NOT_FOUND'],
  ['guardian', 'read', 'NOT_FOUND'],
  ['guardian', 'search', 'FORBIDDEN'],
  ['guardian', 'campaign', 'FORBIDDEN'],
  // The decision goes last: it moves the application to a final status.
  ['admin', 'decide', 'allow'],
];

describe.each(MATRIX)('%s: %s', (login, action, outcome) => {
  it(`→ ${outcome}`, async () => {
    const { query, variables, ok } = ACTIONS[action]();
    const result = await platform.query<Record<string, unknown>>({ login }, query, variables);
    const codes = (result.errors ?? []).map((error) => error.extensions?.code);
    switch (outcome) {
      case 'allow':
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(ok(result.data)).toBe(true);
        break;
      case 'empty':
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(ok(result.data)).toBe(false);
        break;
      default:
        expect(ok(result.data)).toBe(false);
        expect(codes).toEqual([outcome]);
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
