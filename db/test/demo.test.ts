import { isValidInn } from '@region/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/client.ts';
import { DEMO_ACCOUNTS } from '../src/demo/accounts.ts';
import { INVALID_INN_ORGANIZATION } from '../src/demo/generate.ts';
import { isDatabaseEmpty, seedDemoRegion, type SeedResult } from '../src/demo/seed.ts';
import { startMigratedCluster, type TestCluster } from './cluster.ts';

let cluster: TestCluster;
let handle: DbHandle;
let seeded: SeedResult;

beforeAll(async () => {
  cluster = await startMigratedCluster();
  handle = cluster.handle;
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('seedDemoRegion', () => {
  it('seeds an empty database with the demo region, people and learning', async () => {
    expect(await isDatabaseEmpty(handle.db)).toBe(true);
    const started = performance.now();
    seeded = await seedDemoRegion(handle.db, { seed: 1, scale: 1 });
    const seedMs = performance.now() - started;
    console.log(`demo region seed 1, scale 1: seeded in ${Math.round(seedMs)} ms`);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
  }, 60_000);

  it('writes every generated row of both schemas', async () => {
    const people = {
      municipalities: 'municipalities',
      organizations: 'organizations',
      persons: 'persons',
      guardianships: 'guardianships',
      employments: 'employments',
      movements: 'movements',
      enrolments: 'enrolments',
      consents: 'consents',
      consentRequests: 'consent_requests',
      esiaLinks: 'esia_links',
      roleGrants: 'role_grants',
    } as const;
    const learning = {
      schoolYears: 'school_years',
      studyPeriods: 'study_periods',
      holidays: 'holidays',
      classes: 'classes',
      classMembers: 'class_members',
      subjects: 'subjects',
      curriculum: 'curriculum',
      assignments: 'assignments',
      scheduleSlots: 'schedule_slots',
      lessons: 'lessons',
      substitutions: 'substitutions',
      marks: 'marks',
      markHistory: 'mark_history',
      attendance: 'attendance',
      events: 'events',
      homeworkSubmissions: 'homework_submissions',
      bells: 'bells',
    } as const;
    for (const [schema, tables] of [
      ['people', people],
      ['learning', learning],
    ] as const) {
      for (const [key, table] of Object.entries(tables)) {
        const [row] = await handle.sql<
          { count: number }[]
        >`select count(*)::int as count from ${handle.sql(schema)}.${handle.sql(table)}`;
        expect(row?.count, table).toBe(seeded.counts[key as keyof typeof seeded.counts]);
        expect(row?.count, table).toBeGreaterThan(0);
      }
    }
  });

  it('keeps every current enrolment equal to the last movement of its learner', async () => {
    const mismatches = await handle.sql`
      with last as (
        select distinct on (person_id) person_id, kind, organization_id, class_id
        from people.movements order by person_id, effective_on desc
      ), current as (select * from people.enrolments where ended_on is null)
      select coalesce(l.person_id, c.person_id) as person_id
      from last l full join current c on c.person_id = l.person_id
      where not (
        (l.kind in ('ENROL', 'TRANSFER') and c.organization_id = l.organization_id and c.class_id is not distinct from l.class_id)
        or (l.kind in ('EXPEL', 'GRADUATE') and c.id is null)
      )`;
    expect(mismatches).toEqual([]);
  });

  it('links each linked demo account to one record by its ESIA oid, and no other account', async () => {
    const links = await handle.sql<{ esia_oid: string; snils: string | null; method: string }[]>`
      select l.esia_oid, p.snils, l.method from people.esia_links l join people.persons p on p.id = l.person_id`;
    const linked = DEMO_ACCOUNTS.filter((account) => account.platform.kind === 'linked');
    expect(links.map((link) => link.esia_oid).sort()).toEqual(linked.map((account) => account.oid).sort());
    for (const link of links) {
      expect(link.snils).toBe(DEMO_ACCOUNTS.find((account) => account.oid === link.esia_oid)?.profile.snils);
      expect(link.method).toBe('OID');
    }
  });

  it('finds the duplicate account twice by normalized name and birth date', async () => {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.platform.kind === 'duplicate-records');
    const rows = await handle.sql`
      select id from people.persons
      where normalized_name = ${'соколова галина михайловна'} and birth_date = ${account?.profile.birthDate ?? ''}
        and merged_into is null`;
    expect(rows).toHaveLength(2);
  });

  it('stores no MINOR_LOGIN consent of a child under 14 or an adult on the demo date (rules 3, 5a)', async () => {
    const ages = await handle.sql<{ age: number; count: number }[]>`
      select extract(year from age(${seeded.catalog.asOf}::date, p.birth_date))::int as age, count(*)::int as count
      from people.consents c join people.persons p on p.id = c.person_id
      where c.kind = 'MINOR_LOGIN'
      group by 1 order by 1`;
    expect(ages.length).toBeGreaterThan(0);
    expect(ages.filter((row) => row.age < 14 || row.age >= 18)).toEqual([]);
  });

  it('stores exactly one organization with a wrong INN', async () => {
    const rows = await handle.sql<{ id: string; inn: string }[]>`select id, inn from people.organizations`;
    expect(rows.filter((row) => !isValidInn(row.inn)).map((row) => row.id)).toEqual([
      seeded.catalog.organizations[INVALID_INN_ORGANIZATION],
    ]);
  });
});
