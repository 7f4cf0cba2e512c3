/**
 * Combined roles in communication (issue 15 §1, DOMAIN.md rule 5a): a principal with several roles never gains
 * recipients or announcements by adding roles across territories. The demo teacher-parent, and combinations
 * made in this file's own database (a guardianship link added to a teacher, an org admin and a coordinator)
 * × who they may write to and which announcements reach them. Every "not reached" case has a witness that the
 * same row exists and is reached by someone it belongs to, and every refused write asserts FORBIDDEN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);

async function sql<T extends object>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return platform.admin.sql<T[]>(strings, ...(values as never[]));
}

async function recipientIds(login: string): Promise<Set<string>> {
  const result = await platform.query<{ messageRecipients: { personId: string }[] }>(
    { login },
    '{ messageRecipients { personId } }',
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return new Set(result.data!.messageRecipients.map((row) => row.personId));
}

const send = (login: string, recipientId: string) =>
  platform.query({ login }, 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
    input: { recipientIds: [recipientId], subject: 'Вопрос', body: 'Здравствуйте!' },
  });

/** The current class and school of a learner (people's enrolment). */
async function placeOf(personId: string) {
  const [row] = await sql<{ class_id: string; organization_id: string }>`
    select class_id, organization_id from people.enrolments where person_id = ${personId} and ended_on is null`;
  return row!;
}

/** A consented guardian of a learner of `classId` other than `except`, and that learner. */
async function otherFamily(classId: string, except: string[]) {
  const [row] = await sql<{ guardian_id: string; child_id: string }>`
    select gs.guardian_id, gs.child_id from people.guardianships gs
      join people.enrolments e on e.person_id = gs.child_id and e.ended_on is null
    where e.class_id = ${classId} and not (gs.child_id = any(${except}::uuid[]))
      and not (gs.guardian_id = any(${except}::uuid[]))
      and exists (select 1 from people.consents k where k.person_id = gs.guardian_id and k.kind = 'PROCESSING' and k.withdrawn_at is null)
      and exists (select 1 from people.consents k where k.person_id = gs.child_id and k.kind = 'PROCESSING' and k.withdrawn_at is null)
      and not exists (select 1 from people.role_grants g where g.person_id = gs.guardian_id)
    order by gs.guardian_id limit 1`;
  if (!row) throw new Error(`no other family in ${classId}`);
  return row;
}

/** A teacher (TEACHER/CLASS_TEACHER grant) of a class. */
async function teacherOf(classId: string): Promise<string> {
  const [row] = await sql<{ person_id: string }>`
    select person_id from people.role_grants where class_id = ${classId} and withdrawn_at is null
      and role in ('TEACHER', 'CLASS_TEACHER') order by person_id limit 1`;
  return row!.person_id;
}

/**
 * A member of staff of a school with no grant on `classId` (not its teacher), no ORG_ADMIN grant, no work at
 * another organization and no children: reached by nothing but being staff of that school.
 */
async function staffNotTeaching(organizationId: string, classId: string, except: string[]): Promise<string> {
  const [row] = await sql<{ person_id: string }>`
    select g.person_id from people.role_grants g where g.organization_id = ${organizationId} and g.withdrawn_at is null
      and g.role = 'TEACHER' and not exists (select 1 from people.role_grants h where h.person_id = g.person_id
        and h.withdrawn_at is null and (h.class_id = ${classId} or h.role = 'ORG_ADMIN' or h.organization_id <> ${organizationId}))
      and not exists (select 1 from people.employments m where m.person_id = g.person_id and m.organization_id <> ${organizationId})
      and not exists (select 1 from people.guardianships gs where gs.guardian_id = g.person_id)
      and not (g.person_id = any(${except}::uuid[]))
    order by g.person_id limit 1`;
  return row!.person_id;
}

async function adminOf(organizationId: string): Promise<string> {
  const [row] = await sql<{ person_id: string }>`
    select person_id from people.role_grants where organization_id = ${organizationId} and role = 'ORG_ADMIN'
      and territory = 'ORGANIZATION' and withdrawn_at is null order by person_id limit 1`;
  return row!.person_id;
}

async function linkChild(guardianId: string, childId: string): Promise<void> {
  await sql`insert into people.guardianships (guardian_id, child_id) values (${guardianId}, ${childId})`;
}

interface Facts {
  teacherParent: string;
  teacher: string;
  admin2: string;
  coordinator: string;
  guardian: string;
  guardian2: string;
  child3b: string;
  class3b: { class_id: string; organization_id: string };
  class5a: { class_id: string; organization_id: string };
  class4a: { class_id: string; organization_id: string };
  class8b: { class_id: string; organization_id: string };
  family3b: { guardian_id: string; child_id: string };
  family4a: { guardian_id: string; child_id: string };
  family8b: { guardian_id: string; child_id: string };
  teacher3b: string;
  teacher4a: string;
  teacher8b: string;
  admin12: string;
  staff12: string;
  staff11: string;
}
let f: Facts;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY, principalTtlMs: 0 });
  const id = (login: string) => personIdOf(platform.admin, login);
  const [teacherParent, teacher, admin2, coordinator, guardian, guardian2, child3b, student, child4a, student8b] =
    await Promise.all(
      [
        'teacher-parent',
        'teacher',
        'admin2',
        'coordinator',
        'guardian',
        'guardian2',
        'child-3b',
        'student',
        'child-4a',
        'student-8b',
      ].map(id),
    );
  const class3b = await placeOf(child3b!);
  const class5a = await placeOf(student!);
  const class4a = await placeOf(child4a!);
  const class8b = await placeOf(student8b!);
  const taken = [
    teacherParent!,
    teacher!,
    admin2!,
    coordinator!,
    guardian!,
    guardian2!,
    child3b!,
    student!,
    child4a!,
    student8b!,
  ];
  const family3b = await otherFamily(class3b.class_id, taken);
  const family4a = await otherFamily(class4a.class_id, taken);
  const family8b = await otherFamily(class8b.class_id, [...taken, family4a.child_id]);
  // Combinations: teacher of 5А (school 1-1) + parent in 4А (school 2-1); admin of 2-1 + parent in 8Б (1-1);
  // coordinator of municipality 1 + parent in 4А (municipality 2).
  // Staff reached only as staff, chosen before the links below make some of them parents.
  const staff12 = await staffNotTeaching(class3b.organization_id, class3b.class_id, taken);
  const staff11 = await staffNotTeaching(class5a.organization_id, class8b.class_id, taken);
  const k4 = await otherFamily(class4a.class_id, [...taken, family4a.child_id, family4a.guardian_id]);
  await linkChild(teacher!, k4.child_id);
  await linkChild(admin2!, family8b.child_id);
  await linkChild(coordinator!, k4.child_id);
  f = {
    teacherParent: teacherParent!,
    teacher: teacher!,
    admin2: admin2!,
    coordinator: coordinator!,
    guardian: guardian!,
    guardian2: guardian2!,
    child3b: child3b!,
    class3b,
    class5a,
    class4a,
    class8b,
    family3b,
    family4a,
    family8b,
    teacher3b: await teacherOf(class3b.class_id),
    teacher4a: await teacherOf(class4a.class_id),
    teacher8b: await teacherOf(class8b.class_id),
    admin12: await adminOf(class3b.organization_id),
    staff12,
    staff11,
  };
});
afterAll(async () => {
  await platform?.stop();
});

describe('recipients of combined principals are the union of each role alone', () => {
  it('teacher-parent (demo): her 5А families and her child’s 3Б teacher and school — not 3Б families or other 1-2 staff', async () => {
    const reach = await recipientIds('teacher-parent');
    expect(reach.has(f.guardian)).toBe(true); // a 5А parent, as a teacher
    expect(reach.has(f.teacher3b)).toBe(true); // her child's teacher, as a parent
    expect(reach.has(f.admin12)).toBe(true); // her child's school, as a parent
    expect(reach.has(f.family3b.guardian_id)).toBe(false);
    expect(reach.has(f.family3b.child_id)).toBe(false);
    expect(reach.has(f.staff12)).toBe(false);
    // Witnesses: the 3Б teacher reaches that family; the 1-2 admin reaches that member of staff.
    expect((await recipientsOfPerson(f.teacher3b)).has(f.family3b.guardian_id)).toBe(true);
    expect(codes(await send('teacher-parent', f.family3b.guardian_id))).toEqual(['FORBIDDEN']);
    expect(codes(await send('teacher-parent', f.staff12))).toEqual(['FORBIDDEN']);
  });

  it('teacher of 5А + parent in 4А of another school: 4А’s teacher and admin, never 4А families', async () => {
    const reach = await recipientIds('teacher');
    expect(reach.has(f.teacher4a)).toBe(true);
    expect(reach.has(f.admin2)).toBe(true);
    expect(reach.has(f.guardian)).toBe(true);
    expect(reach.has(f.family4a.guardian_id)).toBe(false);
    expect(reach.has(f.guardian2)).toBe(false);
    expect(codes(await send('teacher', f.family4a.guardian_id))).toEqual(['FORBIDDEN']);
  });

  it('admin of 2-1 + parent in 8Б of 1-1: her staff and families, 8Б’s teacher and 1-1’s admin — not 1-1 families or staff', async () => {
    const reach = await recipientIds('admin2');
    expect(reach.has(f.family4a.guardian_id)).toBe(true); // a family of her school
    expect(reach.has(f.teacher8b)).toBe(true); // her child's teacher
    expect(reach.has(f.guardian)).toBe(false); // a 1-1 parent
    expect(reach.has(f.staff11)).toBe(false); // 1-1 staff who do not teach 8Б
    expect(codes(await send('admin2', f.guardian))).toEqual(['FORBIDDEN']);
    expect(codes(await send('admin2', f.staff11))).toEqual(['FORBIDDEN']);
  });

  it('coordinator + parent in 4А: only her child’s teachers and school; her municipality gives her no recipients', async () => {
    const reach = await recipientIds('coordinator');
    expect(reach.has(f.teacher4a)).toBe(true);
    expect(reach.has(f.family4a.guardian_id)).toBe(false);
    expect(reach.has(f.guardian)).toBe(false);
    expect(reach.has(f.staff11)).toBe(false);
    expect(codes(await send('coordinator', f.staff11))).toEqual(['FORBIDDEN']);
  });
});

/** Recipients of a person by their grants, through a login-less path: the people subgraph with a signed token. */
async function recipientsOfPerson(personId: string): Promise<Set<string>> {
  const [row] = await sql<{ role: string; organization_id: string; class_id: string }>`
    select role, organization_id, class_id from people.role_grants where person_id = ${personId}
      and class_id is not null and withdrawn_at is null limit 1`;
  const token = await platform.signInternal({
    kind: 'PERSON',
    personId,
    grants: [
      {
        role: row!.role as 'TEACHER',
        territory: { kind: 'CLASS', organizationId: row!.organization_id, classId: row!.class_id },
      },
    ],
  });
  const response = await fetch(platform.peopleUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ messageRecipients { personId } }' }),
  });
  const body = (await response.json()) as { data: { messageRecipients: { personId: string }[] } };
  return new Set(body.data.messageRecipients.map((r) => r.personId));
}

describe('announcements of combined principals', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const add = async (key: string, organizationId: string, audience: string) => {
      const [row] = await sql<{ id: string }>`
        insert into people.announcements (author_id, scope, organization_id, audiences, title, body, valid_from, valid_to)
        values (${await adminOf(organizationId)}, 'ORGANIZATION', ${organizationId}, ${`{${audience}}`}::people.announcement_audience[],
          ${key}, 'Текст', '2026-11-01', '2026-11-30') returning id`;
      ids[key] = row!.id;
    };
    await add('1-2 parents', f.class3b.organization_id, 'GUARDIANS');
    await add('1-2 staff', f.class3b.organization_id, 'STAFF');
    await add('1-1 parents', f.class5a.organization_id, 'GUARDIANS');
    await add('1-1 staff', f.class5a.organization_id, 'STAFF');
    await add('2-1 parents', f.class4a.organization_id, 'GUARDIANS');
    await add('2-1 staff', f.class4a.organization_id, 'STAFF');
  });
  const reached = async (login: string) => {
    const result = await platform.query<{ announcements: { title: string }[] }>(
      { login },
      '{ announcements { title } }',
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return new Set(result.data!.announcements.map((row) => row.title));
  };

  // prettier-ignore
  const CASES: [login: string, reachedTitles: string[], notReached: string[]][] = [
    ['teacher-parent', ['1-2 parents', '1-1 staff'], ['1-2 staff', '1-1 parents', '2-1 parents', '2-1 staff']],
    ['teacher',        ['2-1 parents', '1-1 staff'], ['2-1 staff', '1-1 parents', '1-2 parents']],
    ['admin2',         ['1-1 parents', '2-1 staff'], ['1-1 staff', '2-1 parents', '1-2 parents']],
    ['coordinator',    ['2-1 parents'],              ['2-1 staff', '1-1 staff', '1-1 parents']],
    // Witnesses: each not-reached announcement reaches its own audience.
    ['guardian',       ['1-1 parents'],              ['1-1 staff']],
    ['guardian2',      ['2-1 parents'],              ['2-1 staff']],
  ];
  it.each(CASES)('%s reaches %j and not %j', async (login, yes, no) => {
    const titles = await reached(login);
    for (const title of yes) expect(titles.has(title), title).toBe(true);
    for (const title of no) expect(titles.has(title), title).toBe(false);
  });
});
