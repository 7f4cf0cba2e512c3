/**
 * The pre-aggregated facts (issue 12): every report a fact can answer answers the same from the fact as from
 * the views — cell by cell, suppressed cells and their complements included — and a new, corrected or
 * deleted mark, a learner moved to another school and a removed absence reach the facts at the next refresh,
 * which recomputes only the organizations they touch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@region/db';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { refreshFacts, type RefreshResult } from '../src/facts/refresh.ts';
import { cube, factSourcesFor, type CubeQuery, type CubeRow } from '../src/modules/reports/repository.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
/** The subgraph's own role: the refresh runs with exactly its privileges. */
let analytics: DbHandle;
let municipality1: string;
let municipality2: string;

interface Cell {
  key: string | null;
  value: number | null;
  suppressed: boolean;
  total: boolean;
}
interface Table {
  rows: { cells: Cell[] }[];
  totals: { cells: Cell[] }[];
  suppressed: boolean;
  factsAsOf: string | null;
}

const REPORT = `query ($input: ReportInput!) { report(input: $input) {
  suppressed factsAsOf
  rows { cells { key value suppressed total } }
  totals { cells { key value suppressed total } }
} }`;

async function report(login: string, input: Record<string, unknown>): Promise<Table> {
  const result: GraphQLResponse<{ report: Table }> = await platform.query<{ report: Table }>({ login }, REPORT, {
    input,
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.report;
}

const ANALYST = 'analyst';
const COORDINATOR = 'coordinator';
const ADMIN = 'admin';

/** Reports every fact answers (whole months for marks and attendance), with who asks them. */
const REPORTS: [string, Record<string, unknown>][] = [
  [ANALYST, { dataset: 'CONTINGENT', dimensions: ['MUNICIPALITY', 'GRADE', 'GENDER'], measures: ['PERSONS'] }],
  [ANALYST, { dataset: 'CONTINGENT', dimensions: ['ORGANIZATION_TYPE', 'AGE'], measures: ['PERSONS', 'CLASSES'] }],
  [COORDINATOR, { dataset: 'CONTINGENT', dimensions: ['ORGANIZATION', 'GRADE'], measures: ['PERSONS', 'CLASSES'] }],
  [
    ANALYST,
    {
      dataset: 'CONTINGENT',
      dimensions: ['MUNICIPALITY'],
      measures: ['PERSONS', 'SHARE_OF_PERSONS'],
      on: '2026-09-15',
    },
  ],
  [ADMIN, { dataset: 'CONTINGENT', dimensions: ['CLASS', 'GENDER'], measures: ['PERSONS'] }],
  [
    ANALYST,
    {
      dataset: 'MARKS',
      dimensions: ['MUNICIPALITY', 'SUBJECT'],
      measures: ['PERSONS', 'MARKS', 'AVERAGE_MARK', 'SHARE_OF_TWOS'],
      from: '2026-09-01',
      to: '2026-11-30',
    },
  ],
  [
    COORDINATOR,
    {
      dataset: 'MARKS',
      dimensions: ['GRADE', 'GENDER', 'MONTH'],
      measures: ['PERSONS', 'AVERAGE_MARK'],
      from: '2026-10-01',
      to: '2026-11-30',
    },
  ],
  [
    ADMIN,
    {
      dataset: 'MARKS',
      dimensions: ['CLASS', 'STUDY_PERIOD'],
      measures: ['PERSONS', 'MARKS', 'SHARE_OF_TWOS'],
      from: '2026-09-01',
      to: '2026-11-30',
    },
  ],
  [
    ANALYST,
    {
      dataset: 'ATTENDANCE',
      dimensions: ['MUNICIPALITY', 'MONTH'],
      measures: ['PERSONS', 'LESSON_SLOTS', 'ABSENCES', 'ABSENCES_SICK', 'ATTENDANCE_RATE'],
      from: '2026-10-01',
      to: '2026-11-30',
    },
  ],
  // No persons measure: the summaries answer where no cell is under k, the person-level facts elsewhere.
  [
    ANALYST,
    {
      dataset: 'MARKS',
      dimensions: ['MUNICIPALITY', 'SUBJECT'],
      measures: ['AVERAGE_MARK', 'SHARE_OF_TWOS', 'MARKS'],
      from: '2026-09-01',
      to: '2026-10-31',
    },
  ],
  [
    COORDINATOR,
    {
      dataset: 'MARKS',
      dimensions: ['ORGANIZATION', 'STUDY_PERIOD', 'MONTH'],
      measures: ['AVERAGE_MARK'],
      from: '2026-09-01',
      to: '2026-11-30',
    },
  ],
  [
    ANALYST,
    {
      dataset: 'ATTENDANCE',
      dimensions: ['MUNICIPALITY', 'SUBJECT'],
      measures: ['ATTENDANCE_RATE', 'ABSENCES'],
      from: '2026-09-01',
      to: '2026-10-31',
    },
  ],
  [
    ADMIN,
    {
      dataset: 'ATTENDANCE',
      dimensions: ['CLASS', 'SUBJECT'],
      measures: ['PERSONS', 'ATTENDANCE_RATE'],
      from: '2026-11-01',
      to: '2026-11-30',
    },
  ],
];

const sorted = (rows: CubeRow[]) => rows.map((row) => JSON.stringify(row)).sort((a, b) => a.localeCompare(b));

/** One query of the builder's cube, from the view and from the fact with exact persons, sorted for comparison. */
async function bothWays(query: CubeQuery) {
  const exact = factSourcesFor(query).find((source) => source.exactPersons)!;
  const fromView = sorted(await cube(analytics.db, query));
  const fromFacts = sorted(await cube(analytics.db, { ...query, fromFacts: exact }));
  return { fromView, fromFacts };
}

/**
 * A summary's answer against the view's: the same cells and measures, and for each cell a persons count that
 * is at least 1 and at most the cell's real count (a lower bound).
 */
async function summaryAgrees(query: CubeQuery) {
  const summary = factSourcesFor(query).find((source) => !source.exactPersons)!;
  expect(summary, 'the query has a summary').toBeDefined();
  const fromView = await cube(analytics.db, query);
  const fromSummary = await cube(analytics.db, { ...query, fromFacts: summary });
  const key = (row: CubeRow) => JSON.stringify([row.keys, row.grouping]);
  const view = new Map(fromView.map((row) => [key(row), row]));
  expect(fromSummary.map(key).sort()).toEqual(fromView.map(key).sort());
  for (const row of fromSummary) {
    const exact = view.get(key(row))!;
    expect(row.values, key(row)).toEqual(exact.values);
    expect(row.persons).toBeGreaterThanOrEqual(1);
    expect(row.persons).toBeLessThanOrEqual(exact.persons);
  }
  return fromSummary;
}

const refresh = () => refreshFacts(analytics.db, { overlapMs: 0, now: TODAY });
const resultOf = (results: RefreshResult[], fact: string) => results.find((result) => result.fact === fact)!;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  analytics = createDb(platform.database.roleUrl('analytics'), { max: 2 });
  const sql = platform.admin.sql;
  [{ id: municipality1 }] = (await sql`select g.municipality_id as id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`) as unknown as [{ id: string }];
  [{ id: municipality2 }] = (await sql`select id from people.municipalities where id <> ${municipality1}
    order by id limit 1`) as unknown as [{ id: string }];
  // A small cell: three learners without a recorded gender in one class of municipality 1 (k = 5).
  const [target] = await sql<{ class_id: string; organization_id: string; class_name: string }[]>`
    select e.class_id, e.organization_id, e.class_name from people.enrolments e
    join learning.classes c on c.id = e.class_id join people.organizations o on o.id = e.organization_id
    where e.ended_on is null and o.municipality_id = ${municipality1} and c.grade is not null
    order by c.grade desc, e.class_id limit 1`;
  for (const n of [1, 2, 3]) {
    const [person] = await sql<{ id: string }[]>`
      insert into people.persons (last_name, first_name, normalized_name, birth_date)
      values ('Скрытов', ${`Ученик${n}`}, ${`скрытов ученик${n}`}, '2010-03-03') returning id`;
    await sql`insert into people.enrolments (person_id, organization_id, class_id, class_name, started_on)
      values (${person!.id}, ${target!.organization_id}, ${target!.class_id}, ${target!.class_name}, '2026-09-01')`;
    await sql`insert into people.consents (person_id, kind) values (${person!.id}, 'PROCESSING')`;
  }
}, 120_000);
afterAll(async () => {
  await analytics?.close();
  await platform?.stop();
});

describe('pre-aggregated facts', () => {
  it('answer every report they can exactly as the views do, suppression included', async () => {
    const before = [];
    for (const [who, input] of REPORTS) before.push(await report(who, input));
    for (const table of before) expect(table.factsAsOf).toBeNull();
    expect(before.some((table) => table.suppressed)).toBe(true);

    const results = await refresh();
    expect(results.map((result) => [result.fact, result.rebuilt])).toEqual([
      ['CONTINGENT', true],
      ['MARKS', true],
      ['ATTENDANCE', true],
    ]);
    for (const [index, [who, input]] of REPORTS.entries()) {
      const after = await report(who, input);
      expect(after.factsAsOf, JSON.stringify(input)).not.toBeNull();
      expect({ ...after, factsAsOf: null }, JSON.stringify(input)).toEqual(before[index]);
    }
    // The region's marks by municipality and subject come from the summary: no cell of it is under k.
    const regional = await summaryAgrees({
      dataset: 'MARKS',
      dimensions: ['MUNICIPALITY', 'SUBJECT'],
      measures: ['AVERAGE_MARK', 'SHARE_OF_TWOS', 'MARKS'],
      filters: [],
      time: { from: '2026-09-01', to: '2026-10-31' },
      ageOn: '2026-01-01',
      scope: null,
    });
    expect(regional.every((row) => row.persons >= 5)).toBe(true);
    // A range that does not cover whole months, or a dimension the fact lacks, still reads the view.
    const partial = await report(ANALYST, {
      dataset: 'MARKS',
      dimensions: ['MUNICIPALITY'],
      measures: ['AVERAGE_MARK'],
      from: '2026-09-01',
      to: '2026-11-20',
    });
    expect(partial.factsAsOf).toBeNull();
    const admissions = await report(ANALYST, {
      dataset: 'ADMISSIONS',
      dimensions: ['MUNICIPALITY'],
      measures: ['APPLICATIONS'],
    });
    expect(admissions.factsAsOf).toBeNull();
    // The facts hold fewer rows than the views they replace (figures in docs/architecture.md).
    const [sizes] = (await platform.admin.sql`select
      (select count(*) from analytics.fact_contingent)::int as contingent_facts,
      (select count(*) from analytics_contract.contingent)::int as contingent_rows,
      (select count(*) from analytics.fact_marks)::int as marks_facts,
      (select count(*) from analytics_contract.marks where kind in ('CURRENT', 'CONTROL'))::int as marks_rows,
      (select count(*) from analytics.fact_attendance)::int as attendance_facts,
      (select count(*) from analytics_contract.lesson_attendance)::int as attendance_rows`) as unknown as [
      Record<string, number>,
    ];
    console.info('fact sizes', sizes);
    expect(sizes!['contingent_facts']).toBeLessThan(sizes!['contingent_rows']!);
    expect(sizes!['marks_facts']).toBeLessThan(sizes!['marks_rows']! / 2);
    expect(sizes!['attendance_facts']).toBeLessThan(sizes!['attendance_rows']! / 5);
  }, 240_000);

  it('takes in a new, a corrected and a deleted mark at the next refresh, and only their organization', async () => {
    await refresh();
    const sql = platform.admin.sql;
    const [mark] = await sql<
      {
        id: string;
        organization_id: string;
        class_id: string;
        subject_id: string;
        student_id: string;
        lesson_id: string;
        set_by: string;
      }[]
    >`select m.id, m.organization_id, m.class_id, m.subject_id, m.student_id, m.lesson_id, m.set_by
      from learning.marks m join learning.lessons l on l.school_year = m.school_year and l.id = m.lesson_id
      where m.deleted_at is null and m.kind = 'CURRENT' and m.value = '5' and m.date between '2026-10-01' and '2026-10-31'
      order by m.id limit 1`;
    const query: CubeQuery = {
      dataset: 'MARKS',
      dimensions: ['CLASS', 'SUBJECT', 'MONTH'],
      measures: ['PERSONS', 'MARKS', 'AVERAGE_MARK', 'SHARE_OF_TWOS'],
      filters: [{ dimension: 'ORGANIZATION', values: [mark!.organization_id] }],
      time: { from: '2026-09-01', to: '2026-11-30' },
      ageOn: '2026-01-01',
      scope: null,
    };
    const untouched = await bothWays(query);

    // A new «2» on another lesson of the same class and subject, the found «5» corrected to «3», and another
    // mark deleted (learning keeps it with deleted_at and moves updated_at).
    const [lesson] = await sql<{ id: string; date: string; school_year: number }[]>`
      select l.id, l.date::text as date, l.school_year from learning.lessons l
      where l.class_id = ${mark!.class_id} and l.subject_id = ${mark!.subject_id} and l.date between '2026-11-02' and '2026-11-19'
        and not exists (select 1 from learning.marks m where m.lesson_id = l.id and m.student_id = ${mark!.student_id})
      order by l.date limit 1`;
    await sql`insert into learning.marks (school_year, organization_id, class_id, subject_id, student_id, lesson_id,
        date, kind, value, set_by)
      values (${lesson!.school_year}, ${mark!.organization_id}, ${mark!.class_id}, ${mark!.subject_id},
        ${mark!.student_id}, ${lesson!.id}, ${lesson!.date}, 'CURRENT', '2', ${mark!.set_by})`;
    await sql`update learning.marks set value = '3', updated_at = now() where id = ${mark!.id}`;
    await sql`update learning.marks set deleted_at = now(), updated_at = now() where id = (
      select id from learning.marks where organization_id = ${mark!.organization_id} and deleted_at is null
        and kind = 'CURRENT' and date between '2026-09-01' and '2026-09-30' and id <> ${mark!.id} order by id limit 1)`;

    const stale = await bothWays(query);
    expect(stale.fromFacts).toEqual(untouched.fromFacts);
    expect(stale.fromView).not.toEqual(untouched.fromView);

    const results = await refresh();
    const marks = resultOf(results, 'MARKS');
    expect(marks.rebuilt).toBe(false);
    expect(marks.slices).toEqual([{ organizationId: mark!.organization_id, fromMonth: '2026-09-01' }]);
    const fresh = await bothWays(query);
    expect(fresh.fromFacts).toEqual(fresh.fromView);
    expect(fresh.fromFacts).not.toEqual(untouched.fromFacts);
    // Nothing changed elsewhere, so the region's table from the fact is still the view's.
    const region = await bothWays({ ...query, dimensions: ['MUNICIPALITY'], filters: [] });
    expect(region.fromFacts).toEqual(region.fromView);
    // The summary was recomputed with its fact.
    await summaryAgrees({
      ...query,
      dimensions: ['SUBJECT', 'MONTH'],
      measures: ['MARKS', 'AVERAGE_MARK', 'SHARE_OF_TWOS'],
    });
  }, 120_000);

  it('takes in a learner moved to a school of another municipality', async () => {
    await refresh();
    const sql = platform.admin.sql;
    const [learner] = await sql<{ id: string; person_id: string; organization_id: string; class_id: string }[]>`
      select e.id, e.person_id, e.organization_id, e.class_id from people.enrolments e
      join people.organizations o on o.id = e.organization_id
      where e.ended_on is null and o.municipality_id = ${municipality1} and o.type = 'SCHOOL' and e.class_id is not null
      order by e.id limit 1`;
    const [target] = await sql<{ organization_id: string; class_id: string; name: string }[]>`
      select c.organization_id, c.id as class_id, c.name from learning.classes c
      join people.organizations o on o.id = c.organization_id
      where o.municipality_id = ${municipality2} and c.grade = (select grade from learning.classes where id = ${learner!.class_id})
        and c.school_year = 2026 order by c.id limit 1`;
    const query: CubeQuery = {
      dataset: 'CONTINGENT',
      dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'GRADE'],
      measures: ['PERSONS', 'CLASSES'],
      filters: [],
      time: { on: '2026-11-20' },
      ageOn: '2026-01-01',
      scope: null,
    };
    const untouched = await bothWays(query);
    // The movement book's transfer: the old enrolment ends, the new one starts, the entry is recorded.
    await sql`update people.enrolments set ended_on = '2026-11-16' where id = ${learner!.id}`;
    await sql`insert into people.enrolments (person_id, organization_id, class_id, class_name, started_on)
      values (${learner!.person_id}, ${target!.organization_id}, ${target!.class_id}, ${target!.name}, '2026-11-16')`;
    await sql`insert into people.movements (person_id, kind, organization_id, class_id, class_name,
        from_organization_id, from_class_id, order_number, order_date, effective_on)
      values (${learner!.person_id}, 'TRANSFER', ${target!.organization_id}, ${target!.class_id}, ${target!.name},
        ${learner!.organization_id}, ${learner!.class_id}, '15-у', '2026-11-16', '2026-11-16')`;

    const results = await refresh();
    const contingent = resultOf(results, 'CONTINGENT');
    expect(contingent.rebuilt).toBe(false);
    expect(contingent.slices.map((slice) => slice.organizationId).sort()).toEqual(
      [learner!.organization_id, target!.organization_id].sort(),
    );
    const fresh = await bothWays(query);
    expect(fresh.fromFacts).toEqual(fresh.fromView);
    expect(fresh.fromFacts).not.toEqual(untouched.fromFacts);
    // Before the move the learner still counts at the old school.
    const earlier = await bothWays({ ...query, time: { on: '2026-11-01' } });
    expect(earlier.fromFacts).toEqual(earlier.fromView);
  }, 120_000);

  it('takes in a removed absence, which leaves no change time, by the attendance fingerprint', async () => {
    await refresh();
    const sql = platform.admin.sql;
    const [absence] = await sql<{ id: string; organization_id: string }[]>`
      select a.id, a.organization_id from learning.attendance a
      where a.date >= '2026-10-01'
      order by a.id limit 1`;
    expect(absence, 'the demo has an absence in the last two months').toBeDefined();
    const query: CubeQuery = {
      dataset: 'ATTENDANCE',
      dimensions: ['CLASS', 'MONTH'],
      measures: ['PERSONS', 'LESSON_SLOTS', 'ABSENCES', 'ATTENDANCE_RATE'],
      filters: [{ dimension: 'ORGANIZATION', values: [absence!.organization_id] }],
      time: { from: '2026-09-01', to: '2026-12-31' },
      ageOn: '2026-01-01',
      scope: null,
    };
    await sql`delete from learning.attendance where id = ${absence!.id}`;
    const results = await refresh();
    expect(resultOf(results, 'ATTENDANCE').slices.map((slice) => slice.organizationId)).toContain(
      absence!.organization_id,
    );
    const fresh = await bothWays(query);
    expect(fresh.fromFacts).toEqual(fresh.fromView);
    await summaryAgrees({
      ...query,
      dimensions: ['SUBJECT', 'MONTH'],
      measures: ['LESSON_SLOTS', 'ABSENCES', 'ATTENDANCE_RATE'],
    });
  }, 120_000);
});
