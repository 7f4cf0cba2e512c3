/**
 * Rule 5 on every path (issue 9, §2): a depersonalized card reveals its person through nothing the people
 * subgraph returns — cursors, the name filter and the order of a list, duplicates, history, guardianship
 * links, the movements. Each case also shows a consented card through the same query, so it can fail.
 * Every query here goes through the gateway (end-to-end); the cursor is also tried on the subgraph itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;
/** Consented and depersonalized cards with the same shape, made by the school's admin. */
let open: string;
let hidden: string;

const CREATE = `mutation ($input: CreatePersonInput!, $confirm: Boolean) {
  createPerson(input: $input, confirmPossibleDuplicate: $confirm) { id }
}`;

async function create(lastName: string, consent: boolean, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await platform.query<{ createPerson: { id: string } }>({ login: 'admin' }, CREATE, {
    input: {
      organizationId: school,
      processingConsent: consent,
      lastName,
      firstName: 'Серафима',
      birthDate: '2015-03-04',
      residenceAddress: 'г. Челябинск, ул. Тайная, 1',
      ...extra,
    },
    confirm: true,
  });
  expectOk(result);
  return result.data!.createPerson.id;
}

beforeAll(async () => {
  platform = await startPlatform({ principalTtlMs: 0 });
  school = await organizationOf(platform, 'admin');
  open = await create('Открытова', true);
  hidden = await create('Скрытнова', false);
  // Learners of the school: they are in its lists and their mandatory fields are checked.
  for (const personId of [open, hidden]) {
    expectOk(
      await platform.query(
        { login: 'admin' },
        'mutation ($input: MovementInput!) { recordMovement(input: $input) { id } }',
        {
          input: {
            personId,
            kind: 'ENROL',
            organizationId: school,
            className: '2А',
            orderNumber: '77-у',
            orderDate: '2025-08-25',
            effectiveOn: '2025-09-01',
          },
        },
      ),
    );
  }
});
afterAll(async () => {
  await platform?.stop();
});

type Page = {
  persons: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; lastName: string; depersonalized: boolean } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const PERSONS = `query ($filter: PersonFilter, $first: Int, $after: String) {
  persons(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id lastName depersonalized } } pageInfo { hasNextPage endCursor }
  }
}`;

const readable = (cursor: string) =>
  [cursor, Buffer.from(cursor, 'base64url').toString('utf8'), Buffer.from(cursor.slice(3), 'base64url').toString()]
    .join(' ')
    .toLowerCase();

describe('cursors', () => {
  it('carry neither the name nor the birth date of any row', async () => {
    for (const id of [open, hidden]) {
      const result = await platform.query<Page>({ login: 'admin' }, PERSONS, {
        filter: { organizationId: school },
        first: 200,
      });
      expectOk(result);
      const edge = result.data!.persons.edges.find((candidate) => candidate.node.id === id);
      expect(edge, id).toBeDefined();
      expect(readable(edge!.cursor)).not.toMatch(/скрытнова|открытова|2015|"name"/);
    }
  });

  it('answers a forged (base64 JSON) or garbled cursor with BAD_USER_INPUT, through the gateway and the subgraph', async () => {
    const forged = Buffer.from(JSON.stringify({ name: 'скрытнова', id: hidden })).toString('base64url');
    for (const after of [forged, 'c1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '%E0%A4%A', 'c1.']) {
      const result = await platform.query<Page>({ login: 'admin' }, PERSONS, { after });
      expectCode(result, 'BAD_USER_INPUT');
      expect(result.errors?.map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    }
    const duplicates = await platform.query(
      { login: 'admin' },
      '{ duplicates(after: "eyJuYW1lIjoiYSJ9") { edges { cursor } } }',
    );
    expectCode(duplicates, 'BAD_USER_INPUT');

    const token = await platform.signInternal({
      kind: 'PERSON',
      personId: await personIdOf(platform.admin, 'admin'),
      grants: [{ role: 'ORG_ADMIN', territory: { kind: 'ORGANIZATION', organizationId: school } }],
    });
    const response = await fetch(platform.peopleUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PERSONS, variables: { after: forged } }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expectCode({ ...body, status: response.status }, 'BAD_USER_INPUT');
  });

  it('seals the cursor of every connection of every subgraph, and refuses a forged one with BAD_USER_INPUT', async () => {
    const connections = [
      ['persons', 'persons(first: 1, after: $after)'],
      ['organizations', 'organizations(first: 1, after: $after)'],
      ['duplicates', 'duplicates(first: 1, after: $after)'],
      ['movementBook', `movementBook(organizationId: "${school}", first: 1, after: $after)`],
      ['applications', `applications(organizationId: "${school}", first: 1, after: $after)`],
    ] as const;
    const forgedId = Buffer.from(JSON.stringify(hidden)).toString('base64url');
    for (const [field, call] of connections) {
      const query = `query ($after: String) { ${call} { edges { cursor } pageInfo { endCursor } } }`;
      const first = await platform.query<Record<string, { pageInfo: { endCursor: string | null } }>>(
        { login: 'admin' },
        query,
        { after: null },
      );
      expectOk(first);
      const cursor = first.data![field]!.pageInfo.endCursor;
      if (cursor) {
        expect(cursor, field).toMatch(/^c1\./);
        expectOk(await platform.query({ login: 'admin' }, query, { after: cursor }));
      }
      const forged = await platform.query({ login: 'admin' }, query, { after: forgedId });
      expectCode(forged, 'BAD_USER_INPUT');
    }
  });

  it('pages through a whole organization, each row once, depersonalized cards after every visible name', async () => {
    const seen: Page['persons']['edges'][number]['node'][] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: GraphQLResponse<Page> = await platform.query<Page>({ login: 'admin' }, PERSONS, {
        filter: { organizationId: school },
        first: 37,
        after,
      });
      expectOk(result);
      total = result.data!.persons.totalCount;
      seen.push(...result.data!.persons.edges.map((edge) => edge.node));
      after = result.data!.persons.pageInfo.hasNextPage ? result.data!.persons.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((node) => node.id)).size).toBe(total);
    const firstMasked = seen.findIndex((node) => node.lastName === 'Обезличено');
    expect(firstMasked).toBeGreaterThan(0);
    expect(seen.slice(firstMasked).every((node) => node.lastName === 'Обезличено')).toBe(true);
    expect(seen.map((node) => node.id)).toContain(hidden);
  });
});

describe('filters on personal data', () => {
  it('finds a consented card by name and not a depersonalized one', async () => {
    const count = async (name: string) => {
      const result = await platform.query<Page>({ login: 'admin' }, PERSONS, { filter: { name } });
      expectOk(result);
      return result.data!.persons.totalCount;
    };
    expect(await count('Открытова Серафима')).toBe(1);
    expect(await count('Скрытнова')).toBe(0);
    expect(await count('скрытнова серафима')).toBe(0);
  });

  it('tells missing fields only of consented cards', async () => {
    const ids = async (filter: Record<string, unknown>) => {
      const result = await platform.query<Page>({ login: 'admin' }, PERSONS, {
        filter: { organizationId: school, ...filter },
        first: 200,
      });
      expectOk(result);
      return result.data!.persons.edges.map((edge) => edge.node.id);
    };
    // Neither card has a SNILS; only the consented one may be told apart by it.
    const missing = await ids({ missingField: 'SNILS' });
    expect(missing).toContain(open);
    expect(missing).not.toContain(hidden);
  });

  it('does not confirm a depersonalized namesake when a new card is created', async () => {
    const input = (lastName: string) => ({
      organizationId: school,
      lastName,
      firstName: 'Серафима',
      birthDate: '2015-03-04',
    });
    const result = await platform.query({ login: 'admin' }, CREATE, { input: input('Открытова') });
    expectCode(result, 'CONFLICT');
    const masked = await platform.query<{ createPerson: { id: string } }>({ login: 'admin' }, CREATE, {
      input: input('Скрытнова'),
    });
    expectOk(masked);
  });
});

describe('duplicates', () => {
  const LIST = '{ duplicates(first: 200) { edges { cursor node { normalizedName persons { id lastName } } } } }';
  type Groups = {
    duplicates: { edges: { cursor: string; node: { normalizedName: string; persons: { id: string }[] } }[] };
  };

  it('groups consented records only, and names no depersonalized one', async () => {
    await create('Двойникова', true, { birthDate: '2014-01-01' });
    await create('Двойникова', true, { birthDate: '2014-01-01' });
    await create('Тенева', false, { birthDate: '2014-01-01' });
    await create('Тенева', false, { birthDate: '2014-01-01' });
    const result = await platform.query<Groups>({ login: 'admin' }, LIST);
    expectOk(result);
    const names = result.data!.duplicates.edges.map((edge) => edge.node.normalizedName);
    expect(names).toContain('двойникова серафима');
    expect(names.join(' ')).not.toContain('тенева');
    for (const edge of result.data!.duplicates.edges) expect(readable(edge.cursor)).not.toMatch(/двойникова|2014/);
  });
});

describe('history of a card', () => {
  const HISTORY = 'query ($id: ID!) { person(id: $id) { history { entity field oldValue newValue depersonalized } } }';
  type History = {
    person: {
      history: {
        entity: string;
        field: string;
        oldValue: string | null;
        newValue: string | null;
        depersonalized: boolean;
      }[];
    };
  };

  it('hides old and new values of a depersonalized card, and shows them for a consented one', async () => {
    for (const id of [open, hidden]) {
      expectOk(
        await platform.query(
          { login: 'admin' },
          'mutation ($id: ID!) { updatePerson(id: $id, input: { residenceAddress: "г. Челябинск, ул. Новая, 2" }) { id } }',
          { id },
        ),
      );
    }
    const shown = await platform.query<History>({ login: 'admin' }, HISTORY, { id: open });
    expectOk(shown);
    const openAddress = shown.data!.person.history.find((entry) => entry.field === 'residenceAddress');
    expect(openAddress).toMatchObject({
      oldValue: JSON.stringify('г. Челябинск, ул. Тайная, 1'),
      depersonalized: false,
    });

    const masked = await platform.query<History>({ login: 'admin' }, HISTORY, { id: hidden });
    expectOk(masked);
    const entries = masked.data!.person.history;
    expect(entries.some((entry) => entry.field === 'residenceAddress')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/Скрытнова|Тайная|Новая|2015-03-04/);
    for (const entry of entries.filter((candidate) => candidate.entity === 'person')) {
      expect(entry).toMatchObject({ oldValue: null, newValue: null, depersonalized: true });
    }
  });
});

describe('guardianship links and movements', () => {
  const LINK = 'mutation ($g: ID!, $c: ID!) { linkGuardian(guardianId: $g, childId: $c) { id } }';
  const FAMILY = `query ($id: ID!) { person(id: $id) { id children { id lastName } guardians { id lastName } } }`;
  type Family = { person: { children: { id: string }[]; guardians: { id: string; lastName: string }[] } };

  it('shows a link only between consented persons, or to the family itself', async () => {
    const parent = await create('Родителева', true, { birthDate: '1985-06-07' });
    expectOk(await platform.query({ login: 'admin' }, LINK, { g: parent, c: open }));
    expectOk(await platform.query({ login: 'admin' }, LINK, { g: parent, c: hidden }));

    const ofParent = await platform.query<Family>({ login: 'admin' }, FAMILY, { id: parent });
    expectOk(ofParent);
    const children = ofParent.data!.person.children.map((child) => child.id);
    expect(children).toContain(open);
    expect(children).not.toContain(hidden);

    const ofOpen = await platform.query<Family>({ login: 'admin' }, FAMILY, { id: open });
    expect(ofOpen.data!.person.guardians.map((guardian) => guardian.lastName)).toEqual(['Родителева']);
    const ofHidden = await platform.query<Family>({ login: 'admin' }, FAMILY, { id: hidden });
    expectOk(ofHidden);
    expect(ofHidden.data!.person.guardians).toEqual([]);
  });

  it("names no depersonalized guardian in a consented child's links or portfolio readiness", async () => {
    const shadow = await create('Теневая', false, { birthDate: '1984-04-04' });
    expectOk(await platform.query({ login: 'admin' }, LINK, { g: shadow, c: open }));
    const family = await platform.query<Family>({ login: 'admin' }, FAMILY, { id: open });
    expect(family.data!.person.guardians.map((guardian) => guardian.id)).not.toContain(shadow);
    const readiness = await platform.query<{
      person: { portfolioReadiness: { problems: { code: string; guardian: { id: string } | null }[] } };
    }>(
      { login: 'admin' },
      'query ($id: ID!) { person(id: $id) { portfolioReadiness { problems { code guardian { id } } } } }',
      { id: open },
    );
    expectOk(readiness);
    const named = readiness.data!.person.portfolioReadiness.problems.map((problem) => problem.guardian?.id);
    expect(named).toContain(family.data!.person.guardians[0]!.id);
    expect(named).not.toContain(shadow);
  });

  it("keeps a depersonalized child in the guardian's own cabinet, to give the consent", async () => {
    const child = await personIdOf(platform.admin, 'student-8b');
    const WITHDRAW = 'mutation ($id: ID!) { withdrawConsent(personId: $id, kind: PROCESSING) { id } }';
    expectOk(await platform.query({ login: 'guardian' }, WITHDRAW, { id: child }));
    const me = await platform.query<{ me: { person: { children: { id: string; lastName: string }[] } } }>(
      { login: 'guardian' },
      '{ me { person { children { id lastName } } } }',
    );
    expectOk(me);
    expect(me.data!.me.person.children).toContainEqual({ id: child, lastName: 'Обезличено' });
    expectOk(
      await platform.query(
        { login: 'guardian' },
        'mutation ($id: ID!) { grantConsent(personId: $id, kind: PROCESSING) { id } }',
        { id: child },
      ),
    );
  });

  it("hides a depersonalized learner's movements and shows a consented one's", async () => {
    const MOVES = 'query ($id: ID!) { person(id: $id) { movements { kind className } } }';
    const shown = await platform.query<{ person: { movements: { kind: string }[] | null } }>(
      { login: 'admin' },
      MOVES,
      { id: open },
    );
    expect(shown.data?.person.movements).toEqual([{ kind: 'ENROL', className: '2А' }]);
    const masked = await platform.query<{ person: { movements: unknown } }>({ login: 'admin' }, MOVES, { id: hidden });
    expectOk(masked);
    expect(masked.data?.person.movements).toBeNull();
  });
});

describe('staff in their work role', () => {
  it("names a teacher without consent in the pupil's diary, and masks the teacher's other personal data", async () => {
    const teacher = await personIdOf(platform.admin, 'teacher');
    const account = findAccountByLogin('teacher')!.profile;
    expectOk(
      await platform.query(
        { login: 'teacher' },
        'mutation ($id: ID!) { withdrawConsent(personId: $id, kind: PROCESSING) { id } }',
        { id: teacher },
      ),
    );
    const child = await personIdOf(platform.admin, 'student');
    const diary = await platform.query<{
      person: {
        diary: { days: { lessons: { lesson: { teacher: { id: string; lastName: string; fullName: string } } }[] }[] };
      };
    }>(
      { login: 'student' },
      'query ($id: ID!) { person(id: $id) { diary { days { lessons { lesson { teacher { id lastName fullName } } } } } } }',
      { id: child },
    );
    expectOk(diary);
    const teachers = diary.data!.person.diary.days.flatMap((day) => day.lessons.map((lesson) => lesson.lesson.teacher));
    expect(teachers.some((candidate) => candidate.fullName === 'Обезличено ***')).toBe(false);
    const ofTeacher = teachers.find((candidate) => candidate.id === teacher);
    expect(ofTeacher, 'the demo teacher teaches the demo student').toBeDefined();
    expect(ofTeacher!.lastName).toBe(account.lastName);

    const card = await platform.query<{
      person: { lastName: string; depersonalized: boolean; birthDate: string | null; snils: string | null };
    }>({ login: 'operator' }, 'query ($id: ID!) { person(id: $id) { lastName depersonalized birthDate snils } }', {
      id: teacher,
    });
    expectOk(card);
    expect(card.data!.person).toEqual({
      lastName: account.lastName,
      depersonalized: true,
      birthDate: null,
      snils: null,
    });
  });
});

describe('on the people subgraph itself (no gateway in between)', () => {
  async function direct<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const token = await platform.signInternal({
      kind: 'PERSON',
      personId: await personIdOf(platform.admin, 'admin'),
      grants: [{ role: 'ORG_ADMIN', territory: { kind: 'ORGANIZATION', organizationId: school } }],
    });
    const response = await fetch(platform.peopleUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
  }

  it('masks the name, the filter, the history values, the links and the movements of a depersonalized card', async () => {
    const count = async (name: string) => {
      const result = await direct<Page>(PERSONS, { filter: { name } });
      expectOk(result);
      return result.data!.persons.totalCount;
    };
    expect(await count('Открытова')).toBe(1);
    expect(await count('Скрытнова')).toBe(0);

    const CARD = `query ($id: ID!) { person(id: $id) { lastName depersonalized movements { kind }
      guardians { id } history { field oldValue newValue } } }`;
    type Card = {
      person: {
        lastName: string;
        depersonalized: boolean;
        movements: unknown[] | null;
        guardians: unknown[];
        history: { field: string; oldValue: string | null; newValue: string | null }[];
      };
    };
    const shown = await direct<Card>(CARD, { id: open });
    expectOk(shown);
    expect(shown.data!.person).toMatchObject({ lastName: 'Открытова', depersonalized: false });
    expect(shown.data!.person.movements).not.toBeNull();
    expect(shown.data!.person.guardians).not.toEqual([]);
    expect(shown.data!.person.history.some((entry) => entry.newValue !== null)).toBe(true);

    const masked = await direct<Card>(CARD, { id: hidden });
    expectOk(masked);
    expect(masked.data!.person).toMatchObject({
      lastName: 'Обезличено',
      depersonalized: true,
      movements: null,
      guardians: [],
    });
    expect(JSON.stringify(masked.data)).not.toMatch(/Скрытнова|Тайная|Новая|2015-03-04/);
  });
});
