/**
 * The region-scale generator (issue 13 §1) at a small size: the demo database plus a streamed bulk region
 * of 2,000 learners in all. The region must be consistent (references hold, one class per learner at a
 * time, marks and attendance only on lessons of the learner's class), have the learners asked for, carry
 * the demo's kinds of planted faults, be a no-op the second time, be the same for the same seed (whatever the
 * number of worker threads, and when interrupted and resumed), and leave the demo logins working through the
 * gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidInn } from '@region/schema';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { buildRegion, type RegionResult } from '@region/db/demo/region/generate';
import { createTestDatabase, type TestDatabase } from '../src/database.ts';
import { liveCounts } from '../../subgraphs/people/src/modules/completeness/repository.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

const LEARNERS = 2_000;
const SEED = 'region-test';
const YEAR = 2026;
/** The regions' moment (`asOf`): both regions of the determinism test stamp their change times alike. */
const AS_OF = new Date('2026-11-16T09:30:00Z');
const BULK_MUNICIPALITY = '75712000';

let platform: Platform;
let first: RegionResult;

beforeAll(async () => {
  platform = await startPlatform();
  // Two chunk workers (the default on a 2-core machine); the resumed region below is made by one.
  first = await buildRegion(platform.database.adminUrl, { learners: LEARNERS, seed: SEED, workers: 2, asOf: AS_OF });
}, 600_000);
afterAll(async () => {
  await platform?.stop();
});

const sql = () => platform.admin.sql;
const one = async (query: string): Promise<number> => {
  const [row] = await sql().unsafe(query);
  return Number(Object.values(row ?? {})[0]);
};

describe('the generated region', () => {
  it('records no change time after its moment, though its journal runs to the end of the year', async () => {
    // The facts' change feed (analytics_contract.fact_changes) takes a change time ahead of the clock as a new
    // change when its time comes: a generated year must not carry them.
    const [row] = await sql()`
      select (select max(updated_at) from learning.marks) as marks_changed,
        (select max(set_at) from learning.marks) as marks_set,
        (select max(set_at) from learning.attendance) as attendance_set,
        (select max(date)::text from learning.marks) as last_marked`;
    expect(new Date(row!['marks_changed']).getTime()).toBeLessThanOrEqual(AS_OF.getTime());
    expect(new Date(row!['marks_set']).getTime()).toBeLessThanOrEqual(AS_OF.getTime());
    expect(new Date(row!['attendance_set']).getTime()).toBeLessThanOrEqual(AS_OF.getTime());
    expect(row!['last_marked'] > '2027-05-01').toBe(true);
  });

  it('has exactly the learners asked for, the demo part included', async () => {
    expect(first.demoLearners).toBeGreaterThan(0);
    expect(first.chunks.written).toBe(first.chunks.total);
    expect(
      await one(`
        select count(distinct m.person_id) from learning.class_members m
        join learning.classes c on c.id = m.class_id where c.school_year = ${YEAR}`),
    ).toBe(LEARNERS);
    // Every kind of organization and a school year of journal in the bulk municipality.
    const kinds = await sql()`
      select distinct o.type from people.organizations o
      join people.municipalities mu on mu.id = o.municipality_id where mu.oktmo = ${BULK_MUNICIPALITY}`;
    expect(kinds.map((row) => row['type']).sort()).toEqual(['COLLEGE', 'EXTRA_EDUCATION', 'KINDERGARTEN', 'SCHOOL']);
    expect(first.totalRows['"learning"."marks"']).toBeGreaterThan(50 * (LEARNERS - first.demoLearners));
    expect(
      await one(`select count(*) from learning.marks where date >= '${YEAR + 1}-05-01' and kind = 'CURRENT'`),
    ).toBeGreaterThan(0);
  });

  it('ends with exact completeness counts and their triggers enabled again', async () => {
    const organizations = (await sql()<{ id: string }[]>`select id from people.organizations`).map((row) => row.id);
    const live = await liveCounts(platform.admin.db, organizations);
    const kept = await sql()<Record<string, unknown>[]>`select * from people.completeness_counts`;
    const keyOf = (row: Record<string, unknown>) => `${String(row['organization_id'])}/${String(row['kind'])}`;
    const byKey = new Map(kept.map((row) => [keyOf(row), row]));
    expect(live.length).toBe(organizations.length * 2);
    for (const row of live) {
      const stored = byKey.get(keyOf(row));
      for (const [column, value] of Object.entries(row)) {
        if (column !== 'organization_id' && column !== 'kind') expect(stored?.[column], keyOf(row)).toBe(value);
      }
    }
    expect(await one(`select count(*) from pg_trigger where tgname like 'completeness\\_%' and tgenabled = 'D'`)).toBe(
      0,
    );
    expect(await one(`select count(*) from pg_trigger where tgname like 'completeness\\_%'`)).toBe(8);
  });

  it('keeps every reference, including those across schemas that are no foreign keys', async () => {
    const dangling = {
      classMemberPerson: `select count(*) from learning.class_members m
        where not exists (select 1 from people.persons p where p.id = m.person_id)`,
      enrolmentClass: `select count(*) from people.enrolments e
        where e.class_id is not null and not exists (select 1 from learning.classes c where c.id = e.class_id)`,
      lessonClass: `select count(*) from learning.lessons l
        where not exists (select 1 from learning.classes c where c.id = l.class_id)`,
      lessonTeacher: `select count(*) from learning.lessons l
        where not exists (select 1 from people.persons p where p.id = l.teacher_id)`,
      markLesson: `select count(*) from learning.marks m where m.lesson_id is not null
        and not exists (select 1 from learning.lessons l where l.id = m.lesson_id and l.school_year = m.school_year)`,
      markStudent: `select count(*) from learning.marks m
        where not exists (select 1 from people.persons p where p.id = m.student_id)`,
      attendanceLesson: `select count(*) from learning.attendance a
        where not exists (select 1 from learning.lessons l where l.id = a.lesson_id and l.school_year = a.school_year)`,
      grantClass: `select count(*) from people.role_grants g
        where g.class_id is not null and not exists (select 1 from learning.classes c where c.id = g.class_id)`,
      assignmentTeacher: `select count(*) from learning.assignments a
        where not exists (select 1 from people.persons p where p.id = a.teacher_id)`,
      classOrganization: `select count(*) from learning.classes c
        where not exists (select 1 from people.organizations o where o.id = c.organization_id)`,
      certificatePerson: `select count(*) from extra_education.certificates c
        where not exists (select 1 from people.persons p where p.id = c.person_id)`,
    };
    const counts = Object.fromEntries(
      await Promise.all(Object.entries(dangling).map(async ([name, query]) => [name, await one(query)])),
    );
    expect(counts).toEqual(Object.fromEntries(Object.keys(dangling).map((name) => [name, 0])));
  });

  it('puts every learner in one class at a time, and every current enrolment in an open membership', async () => {
    expect(
      await one(`
        select count(*) from learning.class_members a
        join learning.class_members b on b.person_id = a.person_id and b.id <> a.id
        join learning.classes ca on ca.id = a.class_id join learning.classes cb on cb.id = b.class_id
        where ca.school_year = ${YEAR} and cb.school_year = ${YEAR}
          and a.joined_on < coalesce(b.left_on, 'infinity') and b.joined_on < coalesce(a.left_on, 'infinity')`),
    ).toBe(0);
    expect(
      await one(`
        select count(*) from people.enrolments e
        where e.ended_on is null and e.class_id is not null and 1 <> (
          select count(*) from learning.class_members m
          where m.person_id = e.person_id and m.class_id = e.class_id and m.left_on is null)`),
    ).toBe(0);
  });

  it('marks and records attendance only on lessons of a class the learner was in that day', async () => {
    const outside = (table: string) => `
      select count(*) from learning.${table} x
      join learning.lessons l on l.id = x.lesson_id and l.school_year = x.school_year
      where x.class_id <> l.class_id or x.date <> l.date or x.subject_id <> l.subject_id
        or not exists (
          select 1 from learning.class_members m
          where m.class_id = l.class_id and m.person_id = x.student_id
            and m.joined_on <= l.date and (m.left_on is null or l.date < m.left_on))`;
    expect(await one(outside('marks'))).toBe(0);
    expect(await one(outside('attendance'))).toBe(0);
    // Nobody absent gets a mark for that lesson (LATE learners are there); a debt mark for homework not
    // handed in may fall on a lesson its learner missed (learning/marks.ts).
    expect(
      await one(`
        select count(*) from learning.marks m join learning.attendance a
          on a.lesson_id = m.lesson_id and a.student_id = m.student_id and a.school_year = m.school_year
        where a.status <> 'LATE' and not m.debt`),
    ).toBe(0);
  });

  it('plants the demo kinds of faults in the bulk part too', async () => {
    const bulk = `join people.municipalities mu on mu.id = o.municipality_id where mu.oktmo = '${BULK_MUNICIPALITY}'`;
    const inns = await sql().unsafe(`select o.inn from people.organizations o ${bulk}`);
    expect(inns.filter((row) => !isValidInn(String(row['inn']))).length).toBeGreaterThan(0);
    expect(
      await one(`
        select count(*) from learning.school_years y join people.organizations o on o.id = y.organization_id
        ${bulk} and y.year = ${YEAR} and y.status = 'DRAFT'`),
    ).toBeGreaterThan(0);
    // Incomplete learner cards (rule 7): the demo's share, about one in ten.
    const [cards] = await sql().unsafe(`
      select count(*)::int as total,
        count(*) filter (where p.snils is null or p.place_of_birth is null or p.residence_address is null
          or p.registration_address is null or p.document_number is null or p.citizenship is null)::int as incomplete
      from people.persons p
      join people.enrolments e on e.person_id = p.id and e.ended_on is null
      join people.organizations o on o.id = e.organization_id ${bulk}`);
    const share = Number(cards?.['incomplete']) / Number(cards?.['total']);
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    // Duplicate parents (rule 8): the same normalized name and birth date, the copy without documents.
    expect(
      await one(`
        select count(*) from (
          select p.normalized_name, p.birth_date from people.persons p
          where p.merged_into is null group by 1, 2 having count(*) > 1) d`),
    ).toBeGreaterThan(3);
  });

  it('writes nothing the second time', async () => {
    const tables = [
      'people.persons',
      'learning.marks',
      'learning.attendance',
      'learning.lessons',
      'people.role_grants',
    ];
    const before = await Promise.all(tables.map((table) => one(`select count(*) from ${table}`)));
    const again = await buildRegion(platform.database.adminUrl, { learners: LEARNERS, seed: SEED });
    expect(again.chunks.written).toBe(0);
    expect(again.totalRows).toEqual(first.totalRows);
    expect(await Promise.all(tables.map((table) => one(`select count(*) from ${table}`)))).toEqual(before);
    // Another size on the same database is refused rather than mixed in.
    await expect(buildRegion(platform.database.adminUrl, { learners: LEARNERS + 1, seed: SEED })).rejects.toThrow(
      /holds a region of 2000 learners/,
    );
  });

  it('generates the same rows from the same seed with one worker, also when a run was interrupted and resumed', async () => {
    let other: TestDatabase | undefined;
    try {
      other = await createTestDatabase('demo');
      // Every index of the journal tables, on the parents and on every partition, as the migrations made them.
      const indexes = `
        select i.indexrelid::regclass::text as name, i.indisvalid as valid from pg_index i
        join pg_class t on t.oid = i.indrelid
        where t.relnamespace = 'learning'::regnamespace and t.relname ~ '^(lessons|marks|attendance)'
        order by 1`;
      const migrated = (await other.admin().sql.unsafe(indexes)).map((index) => index['name']);
      // The query sees the partitions' indexes too (however many the migrations define), so the check below covers them.
      expect(migrated.filter((name) => String(name).startsWith('learning.marks_2026')).length).toBeGreaterThan(0);
      let chunks = 0;
      const interrupted = buildRegion(other.adminUrl, {
        learners: LEARNERS,
        seed: SEED,
        workers: 1,
        asOf: AS_OF,
        onProgress: () => {
          if (++chunks === 4) throw new Error('interrupted');
        },
      });
      await expect(interrupted).rejects.toThrow('interrupted');
      // A resume at another moment is refused: its stamps would differ from the first run's.
      await expect(
        buildRegion(other.adminUrl, { learners: LEARNERS, seed: SEED, workers: 1, asOf: new Date() }),
      ).rejects.toThrow(/as of 2026-11-16T09:30:00.000Z/);
      // Without asOf the resume takes the plan's.
      const resumed = await buildRegion(other.adminUrl, { learners: LEARNERS, seed: SEED, workers: 1 });
      expect(resumed.chunks.skipped).toBe(3);
      expect(resumed.chunks.written).toBe(first.chunks.total - 3);
      // The journal indexes dropped during the run are all back, valid, on the parents and every partition.
      const rebuilt = await other.admin().sql.unsafe(indexes);
      expect(rebuilt.filter((index) => !index['valid'])).toEqual([]);
      expect(rebuilt.map((index) => index['name'])).toEqual(migrated);
      const digest = `
        select md5(string_agg(id::text || coalesce(snils, '') || last_name || birth_date::text, ',' order by id)) from people.persons;
        select md5(string_agg(id::text || student_id::text || value::text || set_at::text, ',' order by id)) from learning.marks;
        select md5(string_agg(id::text || student_id::text || status::text, ',' order by id)) from learning.attendance;
        select md5(string_agg(id::text || class_id::text || date::text || coalesce(topic, '') || coalesce(homework, ''), ',' order by id)) from learning.lessons`;
      const digests = async (handle: { sql: typeof platform.admin.sql }) =>
        (await handle.sql.unsafe(digest).simple()).map((rows) => JSON.stringify(rows));
      expect(await digests(other.admin())).toEqual(await digests(platform.admin));
    } finally {
      await other?.drop();
    }
  }, 600_000);
});

describe('demo logins on the generated region', () => {
  it("serve the guardian's own card and children as before", async () => {
    const result = await platform.query<{
      me: { person: { id: string; lastName: string; children: { id: string }[] } };
    }>({ login: 'guardian' }, '{ me { person { id lastName children { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.person.id).toBe(await personIdOf(platform.admin, 'guardian'));
    expect(result.data?.me.person.lastName).toBe(findAccountByLogin('guardian')?.profile.lastName);
    const expected = await Promise.all(['student', 'student-8b'].map((login) => personIdOf(platform.admin, login)));
    expect(result.data?.me.person.children.map((child) => child.id).sort()).toEqual(expected.sort());
  });

  it('refuse a bulk learner to a demo guardian who is not theirs (row scope at region scale)', async () => {
    const [bulkChild] = await sql()`
      select e.person_id from people.enrolments e
      join people.organizations o on o.id = e.organization_id
      join people.municipalities mu on mu.id = o.municipality_id
      where mu.oktmo = ${BULK_MUNICIPALITY} and e.ended_on is null limit 1`;
    const result = await platform.query<{ person: unknown }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { id lastName } }',
      { id: bulkChild?.['person_id'] },
    );
    expect(result.data?.person).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
