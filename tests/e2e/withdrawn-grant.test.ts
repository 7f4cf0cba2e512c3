/**
 * A municipal coordinator whose grant was withdrawn reaches no one (issue 9 §8): before the withdrawal she
 * reads her municipality's admins, class journals and applications; after it the same queries answer
 * NOT_FOUND, FORBIDDEN or an empty list in every subgraph — and she still reads her own card (the self
 * rule of the policy base). Each refusal asserts its code next to the allowed answer of the same query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
const LOGIN = 'coordinator';

let platform: Platform;
let coordinator: string;
let admin: string;
let classId: string;
let lessonId: string;
let school: string;
let applicationId: string;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY, principalTtlMs: 0 });
  coordinator = await personIdOf(platform.admin, LOGIN);
  admin = await personIdOf(platform.admin, 'admin');
  const student = await personIdOf(platform.admin, 'student');
  const [place] = await platform.admin.sql<{ class_id: string; organization_id: string; lesson_id: string }[]>`
    select c.id as class_id, c.organization_id, l.id as lesson_id
    from learning.class_members cm join learning.classes c on c.id = cm.class_id
    join learning.lessons l on l.class_id = c.id and l.school_year = c.school_year
    where cm.person_id = ${student} and c.school_year = 2026 and l.date <= '2026-11-20' limit 1`;
  classId = place!.class_id;
  lessonId = place!.lesson_id;
  school = place!.organization_id;
  const [application] = await platform.admin.sql<{ id: string }[]>`
    insert into admissions.applications (kind, year, child_id, child_last_name, child_first_name, child_birth_date,
      source, registered_at, category, birth_certificate_number)
    values ('TRANSFER', 2026, ${student}, 'Перевод', 'Ученик', '2015-01-01', 'IN_PERSON', ${TODAY.toISOString()},
      'OTHER', 'WITHDRAWN-1')
    returning id`;
  applicationId = application!.id;
  await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
    values (${applicationId}, ${school}, 1)`;
});
afterAll(async () => {
  await platform?.stop();
});

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);

const QUERIES = {
  card: () => ({ query: 'query ($id: ID!) { person(id: $id) { id snils } }', variables: { id: admin } }),
  persons: () => ({ query: '{ persons(first: 200) { edges { node { id } } } }', variables: {} }),
  class: () => ({ query: 'query ($id: ID!) { class(id: $id) { id students { id } } }', variables: { id: classId } }),
  lesson: () => ({ query: 'query ($id: ID!) { lesson(id: $id) { id marks { id } } }', variables: { id: lessonId } }),
  application: () => ({ query: 'query ($id: ID!) { application(id: $id) { id } }', variables: { id: applicationId } }),
  applications: () => ({
    query: 'query ($o: ID!) { applications(organizationId: $o) { edges { node { id } } } }',
    variables: { o: school },
  }),
  search: () => ({ query: '{ searchApplications(birthCertificateNumber: "WITHDRAWN-1") { id } }', variables: {} }),
  campaign: () => ({ query: '{ admissionsCampaign(year: 2026) { total } }', variables: {} }),
} as const;

async function ask(name: keyof typeof QUERIES) {
  const { query, variables } = QUERIES[name]();
  return platform.query<any>({ login: LOGIN }, query, variables);
}

describe('a municipal coordinator whose grant was withdrawn', () => {
  it('reads her municipality before the withdrawal', async () => {
    const card = await ask('card');
    expect(card.errors, JSON.stringify(card.errors)).toBeUndefined();
    expect(card.data.person.snils).toBeTruthy();
    const persons = await ask('persons');
    expect(persons.data.persons.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(admin);
    expect((await ask('class')).data.class.students.length).toBeGreaterThan(0);
    expect((await ask('lesson')).data.lesson.id).toBe(lessonId);
    expect((await ask('application')).data.application.id).toBe(applicationId);
    expect((await ask('applications')).data.applications.edges.length).toBeGreaterThan(0);
    expect((await ask('search')).data.searchApplications).toEqual([{ id: applicationId }]);
    expect(codes(await ask('campaign'))).toEqual([]);
  });

  it('reaches no one once the operator withdraws it', async () => {
    const [grant] = await platform.admin.sql<{ id: string }[]>`
      select id from people.role_grants where person_id = ${coordinator} and withdrawn_at is null`;
    const withdrawn = await platform.query(
      { login: 'operator' },
      'mutation ($id: ID!) { withdrawRole(id: $id) { withdrawnAt } }',
      {
        id: grant!.id,
      },
    );
    expect(withdrawn.errors, JSON.stringify(withdrawn.errors)).toBeUndefined();

    const card = await ask('card');
    expect(card.data?.person).toBeNull();
    expect(codes(card)).toEqual(['NOT_FOUND']);
    const persons = await ask('persons');
    expect(persons.errors).toBeUndefined();
    expect(persons.data.persons.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([coordinator]);

    for (const name of ['class', 'lesson', 'application'] as const) {
      const result = await ask(name);
      expect(result.data?.[name], name).toBeNull();
      expect(codes(result), name).toEqual(['NOT_FOUND']);
    }
    const applications = await ask('applications');
    expect(applications.errors).toBeUndefined();
    expect(applications.data.applications.edges).toEqual([]);
    expect(codes(await ask('search'))).toEqual(['FORBIDDEN']);
    expect(codes(await ask('campaign'))).toEqual(['FORBIDDEN']);
  });
});
