/**
 * The public catalogue of extra education and its management (issue 11), through the gateway: filters by
 * direction, age (both bounds inclusive), municipality, funding and free places; drafts stay out of it; an
 * extra-education centre's admin manages its own programmes and groups and is refused another
 * organization's (`FORBIDDEN` for a public programme, `NOT_FOUND` for a draft), and bad input is
 * `BAD_USER_INPUT` naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

let platform: Platform;
let centre: string;
let centreMunicipality: string;
let school: string;

const at = (date: string) => new Date(`${date}T06:00:00Z`);

function expectOk(result: { errors?: unknown[] }) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}
function codeOf(result: GraphQLResponse) {
  return result.errors?.[0]?.extensions?.code;
}
function fieldOf(result: GraphQLResponse) {
  return (result.errors?.[0]?.extensions as { field?: string } | undefined)?.field;
}

interface Node {
  id: string;
  name: string;
  direction: string;
  ageFrom: number;
  ageTo: number;
  funding: string[];
  status: string;
  municipality: { id: string };
  organization: { id: string };
  freePlaces: number;
}
const NODE = 'id name direction ageFrom ageTo funding status municipality { id } organization { id } freePlaces';
const CATALOGUE = `query ($filter: ProgrammeFilter, $first: Int, $after: String) {
  programmes(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } }
  }
}`;

async function catalogue(filter: Record<string, unknown>, first = 200) {
  const result = await platform.query<{
    programmes: { totalCount: number; edges: { node: Node }[]; pageInfo: { endCursor: string | null } };
  }>({ login: 'guardian' }, CATALOGUE, { filter, first });
  expectOk(result);
  return result.data!.programmes;
}

const CREATE = `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { ${NODE} address } }`;
const CREATE_GROUP = `mutation ($input: CreateGroupInput!) {
  createGroup(input: $input) { id capacity freePlaces programme { id } }
}`;

function programmeInput(name: string, extra: Record<string, unknown> = {}) {
  return {
    organizationId: centre,
    name,
    direction: 'TECHNICAL',
    ageFrom: 9,
    ageTo: 11,
    durationMonths: 9,
    hours: 72,
    pricePerMonth: '1500',
    funding: ['PAID', 'CERTIFICATE'],
    ...extra,
  };
}

/** A published programme of the centre with one group of the given capacity. */
async function published(name: string, capacity = 10, extra: Record<string, unknown> = {}) {
  const created = await platform.query<{ createProgramme: Node }>({ login: 'extra-admin' }, CREATE, {
    input: programmeInput(name, extra),
  });
  expectOk(created);
  const programme = created.data!.createProgramme;
  const group = await platform.query<{ createGroup: { id: string } }>({ login: 'extra-admin' }, CREATE_GROUP, {
    input: { programmeId: programme.id, name: 'Группа 1', capacity, startsOn: '2026-09-01', endsOn: '2027-05-31' },
  });
  expectOk(group);
  expectOk(
    await platform.query({ login: 'extra-admin' }, 'mutation ($id: ID!) { publishProgramme(id: $id) { status } }', {
      id: programme.id,
    }),
  );
  return { programme, groupId: group.data!.createGroup.id };
}

beforeAll(async () => {
  platform = await startPlatform({ now: at('2026-11-01'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ organization_id: string; municipality_id: string }[]>`
    select g.organization_id, o.municipality_id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    join people.organizations o on o.id = g.organization_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000121'`;
  centre = row!.organization_id;
  centreMunicipality = row!.municipality_id;
  const [admin] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000104'`;
  school = admin!.organization_id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('the public catalogue', () => {
  it('lists the published programmes of the demo region, of all six directions, and no draft', async () => {
    const all = await catalogue({});
    const [counts] = await platform.admin.sql<{ published: number; directions: number }[]>`
      select count(*)::int as published, count(distinct direction)::int as directions
      from extra_education.programmes where status = 'PUBLISHED'`;
    expect(all.totalCount).toBe(counts!.published);
    expect(counts!.directions).toBe(6);
    expect(all.edges.every((edge) => edge.node.status === 'PUBLISHED')).toBe(true);
  });

  it('filters by direction', async () => {
    const technical = await catalogue({ direction: 'ARTS' });
    expect(technical.totalCount).toBeGreaterThan(0);
    expect(technical.edges.every((edge) => edge.node.direction === 'ARTS')).toBe(true);
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.programmes where status = 'PUBLISHED' and direction = 'ARTS'`;
    expect(technical.totalCount).toBe(row!.count);
  });

  it('filters by a child’s age with both bounds inclusive', async () => {
    const { programme } = await published('Тестовый кружок Возрастной', 10, { ageFrom: 9, ageTo: 11 });
    const found = async (age: number) =>
      (await catalogue({ age, text: 'Возрастной' })).edges.map((edge) => edge.node.id);
    expect(await found(8)).toEqual([]);
    expect(await found(9)).toEqual([programme.id]);
    expect(await found(11)).toEqual([programme.id]);
    expect(await found(12)).toEqual([]);
    const everyAgeSeven = await catalogue({ age: 7 });
    expect(everyAgeSeven.totalCount).toBeGreaterThan(0);
    expect(everyAgeSeven.edges.every((edge) => edge.node.ageFrom <= 7 && edge.node.ageTo >= 7)).toBe(true);
  });

  it('filters by municipality and by organization', async () => {
    const [other] = await platform.admin.sql<{ id: string }[]>`
      select id from people.municipalities where id <> ${centreMunicipality} limit 1`;
    const there = await catalogue({ municipalityId: other!.id });
    expect(there.totalCount).toBeGreaterThan(0);
    expect(there.edges.every((edge) => edge.node.municipality.id === other!.id)).toBe(true);
    expect(there.edges.some((edge) => edge.node.organization.id === centre)).toBe(false);
    const ours = await catalogue({ organizationId: centre });
    expect(ours.edges.every((edge) => edge.node.organization.id === centre)).toBe(true);
    expect(ours.totalCount).toBeGreaterThanOrEqual(6);
  });

  it('filters by funding: free means budget places', async () => {
    const free = await catalogue({ funding: 'FREE' });
    expect(free.totalCount).toBeGreaterThan(0);
    expect(free.edges.every((edge) => edge.node.funding.includes('BUDGET'))).toBe(true);
    const byCertificate = await catalogue({ funding: 'CERTIFICATE' });
    expect(byCertificate.edges.every((edge) => edge.node.funding.includes('CERTIFICATE'))).toBe(true);
  });

  it('counts free places as capacity − active contracts − accepted applications, and filters by them', async () => {
    const { programme, groupId } = await published('Тестовый кружок Местовой', 2);
    const group = `query ($id: ID!) { programme(id: $id) { freePlaces groups { id capacity freePlaces } } }`;
    const before = await platform.query<{ programme: { freePlaces: number; groups: { freePlaces: number }[] } }>(
      { login: 'guardian' },
      group,
      { id: programme.id },
    );
    expectOk(before);
    expect(before.data!.programme.freePlaces).toBe(2);
    expect((await catalogue({ withFreePlaces: true, text: 'Местовой' })).totalCount).toBe(1);

    // One accepted application and one active contract take the two places; a submitted one takes none.
    const [child1, child2, child3] = await platform.admin.sql<{ id: string }[]>`
      select person_id as id from people.enrolments where ended_on is null limit 3`;
    const [accepted] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.applications (group_id, organization_id, child_id, source, status)
      values (${groupId}, ${centre}, ${child1!.id}, 'CABINET', 'ACCEPTED'),
             (${groupId}, ${centre}, ${child3!.id}, 'CABINET', 'SUBMITTED') returning id`;
    const [enrolled] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.applications (group_id, organization_id, child_id, source, status)
      values (${groupId}, ${centre}, ${child2!.id}, 'CABINET', 'ENROLLED') returning id`;
    await platform.admin.sql`
      insert into extra_education.contracts (application_id, group_id, organization_id, child_id, payment_method,
        price_per_month, concluded_on)
      values (${enrolled!.id}, ${groupId}, ${centre}, ${child2!.id}, 'PAID', 1500, '2026-10-01')`;
    expect(accepted).toBeDefined();

    const after = await platform.query<{ programme: { freePlaces: number; groups: { freePlaces: number }[] } }>(
      { login: 'guardian' },
      group,
      { id: programme.id },
    );
    expectOk(after);
    expect(after.data!.programme.freePlaces).toBe(0);
    expect(after.data!.programme.groups[0]!.freePlaces).toBe(0);
    expect((await catalogue({ withFreePlaces: true, text: 'Местовой' })).totalCount).toBe(0);
    expect((await catalogue({ text: 'Местовой' })).totalCount).toBe(1);

    // The capacity cannot go below the places taken.
    const shrink = await platform.query(
      { login: 'extra-admin' },
      'mutation ($id: ID!) { updateGroup(id: $id, input: { capacity: 1 }) { capacity } }',
      { id: groupId },
    );
    expect(codeOf(shrink)).toBe('BAD_USER_INPUT');
    expect(fieldOf(shrink)).toBe('input.capacity');
  });

  it('reads a page of programmes with their groups and free places in the same statements whatever its size', async () => {
    const WIDE = `query ($first: Int) { programmes(first: $first) { totalCount edges { node {
      name directionName freePlaces groups { name schedule capacity freePlaces } } } } }`;
    const runs: string[][] = [];
    for (const first of [2, 12]) {
      runs.push(
        await platform.recordStatements(async () => {
          const result = await platform.query<{ programmes: { edges: unknown[] } }>({ login: 'guardian' }, WIDE, {
            first,
          });
          expectOk(result);
          expect(result.data!.programmes.edges).toHaveLength(first);
        }),
      );
    }
    // Only extra-education's statements; the lengths of `in ($1, $2, …)` lists may differ.
    const shape = (statements: string[]) =>
      statements
        .filter((statement) => statement.includes('extra_education'))
        .map((statement) => statement.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)*\)/g, '(…)'))
        .sort();
    expect(shape(runs[1]!)).toEqual(shape(runs[0]!));
    // The page, its count, the groups and their free places.
    expect(shape(runs[0]!)).toHaveLength(4);
  });

  it('pages with sealed cursors and refuses a forged one', async () => {
    const first = await catalogue({}, 3);
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.endCursor).toMatch(/^c1\./);
    const next = await platform.query<{ programmes: { edges: { node: { id: string } }[] } }>(
      { login: 'guardian' },
      CATALOGUE,
      { filter: {}, first: 3, after: first.pageInfo.endCursor },
    );
    expectOk(next);
    const seen = new Set(first.edges.map((edge) => edge.node.id));
    expect(next.data!.programmes.edges.some((edge) => seen.has(edge.node.id))).toBe(false);
    const forged = await platform.query({ login: 'guardian' }, CATALOGUE, { filter: {}, first: 3, after: 'c1.AAAA' });
    expect(codeOf(forged)).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for a draft by id, but shows it to its own organization’s admin', async () => {
    const [draft] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.programmes where status = 'DRAFT' and organization_id = ${centre} limit 1`;
    const query = 'query ($id: ID!) { programme(id: $id) { id status } }';
    const publicly = await platform.query({ login: 'guardian' }, query, { id: draft!.id });
    expect(codeOf(publicly)).toBe('NOT_FOUND');
    const own = await platform.query<{ programme: { status: string } }>({ login: 'extra-admin' }, query, {
      id: draft!.id,
    });
    expectOk(own);
    expect(own.data!.programme.status).toBe('DRAFT');
    const listed = await platform.query<{ managedProgrammes: { edges: { node: { id: string } }[] } }>(
      { login: 'extra-admin' },
      '{ managedProgrammes(filter: { status: DRAFT }) { edges { node { id } } } }',
    );
    expectOk(listed);
    expect(listed.data!.managedProgrammes.edges.map((edge) => edge.node.id)).toContain(draft!.id);
    const notManager = await platform.query({ login: 'guardian' }, '{ managedProgrammes { totalCount } }');
    expect(codeOf(notManager)).toBe('FORBIDDEN');
  });

  it('names no teacher to the public', async () => {
    const result = await platform.query<{ programmes: { edges: { node: { groups: { teacher: unknown }[] } }[] } }>(
      { login: 'guardian' },
      '{ programmes(first: 1) { edges { node { groups { teacher { id } } } } } }',
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('names a group’s teacher to the admin of its own organization only', async () => {
    const [own] = await platform.admin.sql<{ programme_id: string; teacher_id: string }[]>`
      select g.programme_id, g.teacher_id from extra_education.groups g
      join extra_education.programmes p on p.id = g.programme_id
      where p.organization_id = ${centre} and g.teacher_id is not null limit 1`;
    const [theirs] = await platform.admin.sql<{ programme_id: string }[]>`
      select g.programme_id from extra_education.groups g join extra_education.programmes p on p.id = g.programme_id
      where p.organization_id <> ${centre} and p.status = 'PUBLISHED' and g.teacher_id is not null limit 1`;
    const query = 'query ($id: ID!) { programme(id: $id) { groups { teacher { id } } } }';
    const mine = await platform.query<{ programme: { groups: { teacher: { id: string } | null }[] } }>(
      { login: 'extra-admin' },
      query,
      { id: own!.programme_id },
    );
    expectOk(mine);
    expect(mine.data!.programme.groups.map((group) => group.teacher?.id)).toContain(own!.teacher_id);
    const other = await platform.query<{ programme: { groups: { teacher: { id: string } | null }[] } }>(
      { login: 'extra-admin' },
      query,
      { id: theirs!.programme_id },
    );
    expectOk(other);
    expect(other.data!.programme.groups.every((group) => group.teacher === null)).toBe(true);
  });

  it('extends the organization with its published programmes', async () => {
    const result = await platform.query<{ organization: { programmes: { status: string; direction: string }[] } }>(
      { login: 'guardian' },
      'query ($id: ID!) { organization(id: $id) { programmes { status direction } } }',
      { id: centre },
    );
    expectOk(result);
    const programmes = result.data!.organization.programmes;
    expect(new Set(programmes.map((programme) => programme.direction)).size).toBe(6);
    expect(programmes.every((programme) => programme.status === 'PUBLISHED')).toBe(true);
  });
});

describe('an organization’s admin manages its programmes', () => {
  it('creates a draft in their organization with the municipality and address from the registry', async () => {
    const result = await platform.query<{ createProgramme: Node & { address: string | null } }>(
      { login: 'extra-admin' },
      CREATE,
      { input: programmeInput('Тестовый кружок Черновик') },
    );
    expectOk(result);
    const [organization] = await platform.admin.sql<{ address: string | null }[]>`
      select address from people.organizations where id = ${centre}`;
    expect(result.data!.createProgramme).toMatchObject({
      status: 'DRAFT',
      municipality: { id: centreMunicipality },
      organization: { id: centre },
      address: organization!.address,
    });
    expect((await catalogue({ text: 'Черновик' })).totalCount).toBe(0);
  });

  it('is refused a programme for another organization with FORBIDDEN', async () => {
    const result = await platform.query({ login: 'extra-admin' }, CREATE, {
      input: programmeInput('Чужой кружок', { organizationId: school }),
    });
    expect(codeOf(result)).toBe('FORBIDDEN');
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.programmes where name = 'Чужой кружок'`;
    expect(row!.count).toBe(0);
  });

  it('is refused another organization’s published programme (FORBIDDEN) and draft (NOT_FOUND)', async () => {
    const [theirs] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.programmes where organization_id = ${school} and status = 'PUBLISHED' limit 1`;
    const update = 'mutation ($id: ID!) { updateProgramme(id: $id, input: { name: "Захват" }) { id } }';
    expect(codeOf(await platform.query({ login: 'extra-admin' }, update, { id: theirs!.id }))).toBe('FORBIDDEN');
    const [draft] = await platform.admin.sql<{ id: string }[]>`
      insert into extra_education.programmes (organization_id, name, direction, age_from, age_to, duration_months,
        hours, municipality_id, funding)
      select ${school}, 'Черновик школы', 'ARTS', 7, 10, 9, 72, municipality_id, '{BUDGET}'
      from people.organizations where id = ${school} returning id`;
    expect(codeOf(await platform.query({ login: 'extra-admin' }, update, { id: draft!.id }))).toBe('NOT_FOUND');
    const archive = 'mutation ($id: ID!) { archiveProgramme(id: $id) { id } }';
    expect(codeOf(await platform.query({ login: 'extra-admin' }, archive, { id: theirs!.id }))).toBe('FORBIDDEN');
    // The school's own admin may.
    expectOk(await platform.query({ login: 'admin' }, update, { id: draft!.id }));
    const [names] = await platform.admin.sql<{ name: string }[]>`
      select name from extra_education.programmes where id = ${theirs!.id}`;
    expect(names!.name).not.toBe('Захват');
  });

  it('is refused bad input with BAD_USER_INPUT naming the field', async () => {
    const ages = await platform.query({ login: 'extra-admin' }, CREATE, {
      input: programmeInput('Тестовый кружок Возраст', { ageFrom: 12, ageTo: 9 }),
    });
    expect(codeOf(ages)).toBe('BAD_USER_INPUT');
    expect(fieldOf(ages)).toBe('input.ageTo');
    expect(ages.errors![0]!.message).toMatch(/Возраст/);
    const noName = await platform.query({ login: 'extra-admin' }, CREATE, { input: programmeInput('  ') });
    expect(fieldOf(noName)).toBe('input.name');
    const price = await platform.query({ login: 'extra-admin' }, CREATE, {
      input: programmeInput('Тестовый кружок Цена', { pricePerMonth: 'дорого' }),
    });
    expect(fieldOf(price)).toBe('input.pricePerMonth');
    const noFunding = await platform.query({ login: 'extra-admin' }, CREATE, {
      input: programmeInput('Тестовый кружок Оплата', { funding: [] }),
    });
    expect(fieldOf(noFunding)).toBe('input.funding');
  });

  it('refuses certificate funding at an organization that is not «Участник ПФДО» (rule 20)', async () => {
    const result = await platform.query({ login: 'admin' }, CREATE, {
      input: programmeInput('Кружок по сертификату', { organizationId: school }),
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('input.funding');
    const budget = await platform.query({ login: 'admin' }, CREATE, {
      input: programmeInput('Школьный кружок бесплатный', {
        organizationId: school,
        funding: ['BUDGET'],
        pricePerMonth: '0',
      }),
    });
    expectOk(budget);
  });

  it('needs a group before publishing, and refuses a group that ends before it starts', async () => {
    const created = await platform.query<{ createProgramme: { id: string } }>({ login: 'extra-admin' }, CREATE, {
      input: programmeInput('Тестовый кружок Без групп'),
    });
    expectOk(created);
    const id = created.data!.createProgramme.id;
    const publish = await platform.query(
      { login: 'extra-admin' },
      'mutation ($id: ID!) { publishProgramme(id: $id) { status } }',
      { id },
    );
    expect(codeOf(publish)).toBe('CONFLICT');
    const group = await platform.query({ login: 'extra-admin' }, CREATE_GROUP, {
      input: { programmeId: id, name: 'Группа', capacity: 10, startsOn: '2027-05-31', endsOn: '2026-09-01' },
    });
    expect(codeOf(group)).toBe('BAD_USER_INPUT');
    expect(fieldOf(group)).toBe('input.endsOn');
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.groups where programme_id = ${id}`;
    expect(row!.count).toBe(0);
  });

  it('archives a programme: out of the catalogue, still found by id', async () => {
    const { programme } = await published('Тестовый кружок Архивный');
    expect((await catalogue({ text: 'Архивный' })).totalCount).toBe(1);
    expectOk(
      await platform.query({ login: 'extra-admin' }, 'mutation ($id: ID!) { archiveProgramme(id: $id) { status } }', {
        id: programme.id,
      }),
    );
    expect((await catalogue({ text: 'Архивный' })).totalCount).toBe(0);
    const byId = await platform.query<{ programme: { status: string } }>(
      { login: 'guardian' },
      'query ($id: ID!) { programme(id: $id) { status } }',
      { id: programme.id },
    );
    expectOk(byId);
    expect(byId.data!.programme.status).toBe('ARCHIVED');
  });
});
