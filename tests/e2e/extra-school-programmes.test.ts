/**
 * A school's own extra-education programmes (issue 11): the school's ORG_ADMIN (`admin`, school 1-1) creates a
 * programme of the school, adds a group and publishes it, and the public catalogue (no token) finds it; the
 * same admin is refused the centre's programmes (FORBIDDEN), and a teacher of the school is refused
 * `createProgramme` (no `extra:manage`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

let platform: Platform;
let school: string;
let centre: string;

const codes = (result: GraphQLResponse) => (result.errors ?? []).map((error) => error.extensions?.code);
function expectOk(result: GraphQLResponse) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

const CREATE = 'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id status } }';
const input = (organizationId: string) => ({
  organizationId,
  name: 'Школьный театр «Маска»',
  direction: 'ARTS',
  ageFrom: 7,
  ageTo: 17,
  durationMonths: 8,
  hours: 64,
  pricePerMonth: '0',
  funding: ['BUDGET'],
});

async function adminOrganization(oid: string): Promise<string> {
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = ${oid} and g.withdrawn_at is null`;
  return row!.organization_id;
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2026-10-23T04:00:00Z') });
  const me = await platform.query<{ me: { grants: { role: string; organization: { id: string } | null }[] } }>(
    { login: 'admin' },
    '{ me { grants { role organization { id } } } }',
  );
  expectOk(me);
  school = me.data!.me.grants.find((grant) => grant.role === 'ORG_ADMIN')!.organization!.id;
  centre = await adminOrganization('1000000121');
});
afterAll(async () => {
  await platform?.stop();
});

describe('a school’s own programmes', () => {
  it('the school admin creates, adds a group, publishes, and the anonymous catalogue lists it', async () => {
    const created = await platform.query<{ createProgramme: { id: string; status: string } }>(
      { login: 'admin' },
      CREATE,
      { input: input(school) },
    );
    expectOk(created);
    const id = created.data!.createProgramme.id;
    expect(created.data!.createProgramme.status).toBe('DRAFT');
    expectOk(
      await platform.query(
        { login: 'admin' },
        'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }',
        {
          input: { programmeId: id, name: 'Группа 1', capacity: 15, startsOn: '2026-11-02', endsOn: '2027-05-28' },
        },
      ),
    );
    const LIST = `query ($filter: ProgrammeFilter) { programmes(filter: $filter, first: 50) {
      edges { node { id name organization { id } } } } }`;
    type List = { programmes: { edges: { node: { id: string } }[] } };
    const before = await platform.query<List>(null, LIST, { filter: { organizationId: school } });
    expectOk(before);
    expect(before.data!.programmes.edges.map((edge) => edge.node.id)).not.toContain(id);

    expectOk(
      await platform.query({ login: 'admin' }, 'mutation ($id: ID!) { publishProgramme(id: $id) { id } }', { id }),
    );
    const after = await platform.query<List>(null, LIST, { filter: { organizationId: school } });
    expectOk(after);
    expect(after.data!.programmes.edges.map((edge) => edge.node.id)).toContain(id);
  });

  it('refuses the school admin a programme of the centre, and a teacher any programme', async () => {
    expect(codes(await platform.query({ login: 'admin' }, CREATE, { input: input(centre) }))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query({ login: 'teacher' }, CREATE, { input: input(school) }))).toContain('FORBIDDEN');
  });
});
