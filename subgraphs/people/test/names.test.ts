/**
 * Names beyond the row scope (policy.ts, `namesUnderGrant`): a learner who left stays named in their
 * class's and school's journal, and a school's staff are named to its teachers, learners and parents —
 * the name only, never the personal data, and never across schools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let leaver: string;
let colleague: string;
let otherSchoolTeacher: string;
let mathsTeacher: string;

const PERSON = 'query ($id: ID!) { person(id: $id) { id fullName snils phone } }';
type PersonResult = { person: { id: string; fullName: string; snils: string | null; phone: string | null } | null };

/** A card outside the reader's scope answers as a missing one: null with NOT_FOUND. */
function expectNotFound(result: Awaited<ReturnType<typeof read>>, login: string) {
  expect(result.data?.person, login).toBeNull();
  expect(
    result.errors?.map((error) => error.extensions?.code),
    login,
  ).toEqual(['NOT_FOUND']);
}

/** A field of a visible card that the reader may not read: null with FORBIDDEN at its path. */
function expectWithheld(result: Awaited<ReturnType<typeof read>>, field: 'snils' | 'phone', login: string) {
  expect(result.data?.person?.[field], `${login}: ${field}`).toBeNull();
  expect(
    result.errors
      ?.filter((error) => error.path?.join('.') === `person.${field}`)
      .map((error) => error.extensions?.code),
    `${login}: ${field}`,
  ).toEqual(['FORBIDDEN']);
}

async function read(login: string, id: string) {
  return platform.query<PersonResult>({ login }, PERSON, { id });
}

beforeAll(async () => {
  platform = await startPlatform();
  mathsTeacher = await personIdOf(platform.admin, 'teacher');
  const admin2 = await personIdOf(platform.admin, 'admin2');
  const rows = await platform.admin.db.execute<{ person_id: string; kind: string }>(sql`
    (select e.person_id, 'leaver' as kind from people.enrolments e
      -- not a demo login's child: the other tests sign in as them
      where e.ended_on is null
        and e.person_id not in (select person_id from people.esia_links)
        and e.person_id not in (select g.child_id from people.guardianships g join people.esia_links l on l.person_id = g.guardian_id)
        and e.class_id = (
        select class_id from people.role_grants where person_id = ${mathsTeacher} and class_id is not null limit 1)
      limit 1)
    union all
    (select m.person_id, 'colleague' from people.employments m
      where m.ended_on is null and m.person_id <> ${mathsTeacher}
        and m.organization_id = (select organization_id from people.employments where person_id = ${mathsTeacher} limit 1)
      limit 1)
    union all
    (select m.person_id, 'other' from people.employments m
      where m.ended_on is null and m.person_id <> ${admin2}
        and m.organization_id = (select organization_id from people.employments where person_id = ${admin2} limit 1)
      limit 1)`);
  const of = (kind: string) => rows.find((row) => row.kind === kind)!.person_id;
  leaver = of('leaver');
  colleague = of('colleague');
  otherSchoolTeacher = of('other');
  // The learner leaves the school: the enrolment ends, its class stays on record.
  await platform.admin.db.execute(
    sql`update people.enrolments set ended_on = current_date - 1 where person_id = ${leaver} and ended_on is null`,
  );
});
afterAll(async () => {
  await platform?.stop();
});

describe('names beyond the row scope', () => {
  it('names a learner who left to the class teacher and the school admin, without their personal data', async () => {
    for (const login of ['teacher', 'admin']) {
      const result = await read(login, leaver);
      expect(result.data?.person?.fullName, login).toMatch(/\S+ \S+/);
      expectWithheld(result, 'snils', login);
    }
  });

  it('does not name that learner to another school', async () => {
    for (const login of ['admin2', 'guardian2']) expectNotFound(await read(login, leaver), login);
  });

  it("names a school's staff to its teachers, learners and parents, never their contacts or SNILS", async () => {
    for (const login of ['teacher', 'student', 'guardian']) {
      const result = await read(login, colleague);
      expect(result.data?.person?.fullName, login).toMatch(/\S+ \S+/);
      expectWithheld(result, 'snils', login);
      expectWithheld(result, 'phone', login);
    }
  });

  it("does not name another school's staff", async () => {
    for (const login of ['teacher', 'student', 'guardian'])
      expectNotFound(await read(login, otherSchoolTeacher), login);
    expectNotFound(await read('guardian2', mathsTeacher), 'guardian2');
  });
});
