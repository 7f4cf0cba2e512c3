/** The admissions data of the demo region as stored: seeded with the shared demo seed and checked with SQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/client.ts';
import { GUARDIAN_QUEUE, PLANTED } from '../src/demo/admissions/generate.ts';
import { seedDemoRegion, type SeedResult } from '../src/demo/seed.ts';
import { startMigratedCluster, type TestCluster } from './cluster.ts';

// 20250901 is the seed of the shared test template and of `npm start` (tests/src/constants.ts).
const SEED = 20250901;

let cluster: TestCluster;
let sql: DbHandle['sql'];
let seeded: SeedResult;

beforeAll(async () => {
  cluster = await startMigratedCluster();
  sql = cluster.handle.sql;
  const started = performance.now();
  seeded = await seedDemoRegion(cluster.handle.db, { seed: SEED, scale: 1 });
  const ms = Math.round(performance.now() - started);
  console.log(`demo region seed ${SEED}, scale 1: people, learning and admissions seeded in ${ms} ms`);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('demo admissions data', () => {
  it('writes every generated admissions row', async () => {
    const tables = {
      campaigns: 'campaigns',
      places: 'places',
      territories: 'territories',
      applications: 'applications',
      applicationChoices: 'application_choices',
      statusHistory: 'status_history',
      outbox: 'outbox',
      queuePositions: 'queue_positions',
    } as const;
    for (const [key, table] of Object.entries(tables)) {
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from admissions.${sql(table)}`;
      expect(row?.count, table).toBe(seeded.counts[key as keyof typeof tables]);
      expect(row?.count, table).toBeGreaterThan(0);
    }
    const [rights] = await sql<{ priority: number; with_rights: number }[]>`
      select count(*) filter (where category = 'PRIORITY')::int as priority,
        count(*) filter (where cardinality(priority_rights) > 0)::int as with_rights
      from admissions.applications`;
    expect(rights!.priority).toBeGreaterThan(0);
    expect(rights!.with_rights).toBe(rights!.priority);
  });

  it('makes every history a path of the status machine that ends in the status of its application', async () => {
    const wrong = await sql`
      with allowed(from_status, to_status) as (values
        ('SUBMITTED', 'UNDER_REVIEW'), ('SUBMITTED', 'REJECTED'), ('SUBMITTED', 'WITHDRAWN'),
        ('UNDER_REVIEW', 'DOCUMENTS_REQUESTED'), ('UNDER_REVIEW', 'ACCEPTED'), ('UNDER_REVIEW', 'REJECTED'),
        ('UNDER_REVIEW', 'WITHDRAWN'),
        ('DOCUMENTS_REQUESTED', 'UNDER_REVIEW'), ('DOCUMENTS_REQUESTED', 'ACCEPTED'),
        ('DOCUMENTS_REQUESTED', 'REJECTED'), ('DOCUMENTS_REQUESTED', 'WITHDRAWN'),
        ('ACCEPTED', 'DIRECTED'), ('ACCEPTED', 'REJECTED'), ('ACCEPTED', 'WITHDRAWN'),
        ('DIRECTED', 'ENROLLED'), ('DIRECTED', 'REJECTED'), ('DIRECTED', 'WITHDRAWN')),
      steps as (
        select h.*, lag(h.to_status) over w as before, lag(h.changed_at) over w as before_at,
          row_number() over w as n, count(*) over (partition by h.application_id) as total
        from admissions.status_history h
        window w as (partition by h.application_id order by h.changed_at, h.id))
      select s.application_id, s.n, s.from_status::text, s.to_status::text from steps s
      join admissions.applications a on a.id = s.application_id
      where (s.n = 1 and (s.from_status is not null or s.to_status <> 'SUBMITTED' or s.changed_at <> a.registered_at))
        or (s.n > 1 and (s.from_status is distinct from s.before or s.changed_at <= s.before_at
          or (s.from_status::text, s.to_status::text) not in (select * from allowed)))
        or (s.n = s.total and s.to_status <> a.status)`;
    expect(wrong).toEqual([]);
    const without = await sql`
      select a.id from admissions.applications a
      where not exists (select 1 from admissions.status_history h where h.application_id = a.id)`;
    expect(without).toEqual([]);
  });

  it('keeps the enrolment order of every enrolled application: its number and the day of the enrolment', async () => {
    const rows = await sql<{ enrolled: number; mismatched: number }[]>`
      select count(*)::int as enrolled, count(*) filter (where a.enrolment_order_number is null
        or h.changed_at is null or a.enrolment_order_date <> (h.changed_at at time zone 'Asia/Yekaterinburg')::date
        or h.reason not like '%№ ' || a.enrolment_order_number || ' от %')::int as mismatched
      from admissions.applications a
      left join admissions.status_history h on h.application_id = a.id and h.to_status = 'ENROLLED'
      where a.status = 'ENROLLED' and a.kind = 'FIRST_GRADE'`;
    expect(rows[0]!.enrolled).toBeGreaterThan(0);
    expect(rows[0]!.mismatched).toBe(0);
  });

  it('directs no more children to a school than it has places', async () => {
    const over = await sql`
      select p.organization_id, p.total, count(a.id)::int as taken
      from admissions.places p
      left join admissions.applications a on a.directed_organization_id = p.organization_id and a.year = p.year
        and a.kind = p.kind and a.status in ('DIRECTED', 'ENROLLED')
      where p.kind = 'FIRST_GRADE'
      group by p.organization_id, p.total having count(a.id) > p.total`;
    expect(over).toEqual([]);
    const [filled] = await sql<{ taken: number; total: number }[]>`
      select (select count(*) from admissions.applications where kind = 'FIRST_GRADE' and year = 2026
          and status in ('DIRECTED', 'ENROLLED'))::int as taken,
        (select sum(total) from admissions.places where kind = 'FIRST_GRADE' and year = 2026)::int as total`;
    expect(filled!.taken / filled!.total).toBeGreaterThan(0.8);
  });

  it('holds the planted rule 15 violations exactly where the summary says, all in municipality 1', async () => {
    // As the campaign statistics of the admissions subgraph count them (statistics/service.ts).
    const rows = await sql<{ key: string; municipality: number; early: number; late: number }[]>`
      with scoped as (
        select a.*, coalesce(a.directed_organization_id, (select c.organization_id from admissions.application_choices c
          where c.application_id = a.id order by c.preference limit 1)) as organization_id
        from admissions.applications a where a.year = 2026 and a.kind = 'FIRST_GRADE')
      select s.organization_id as key, 0 as municipality,
        count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and exists (select 1 from admissions.status_history h
          where h.application_id = s.id and h.to_status = 'DIRECTED'
            and (h.changed_at at time zone 'Asia/Yekaterinburg')::date < '2026-06-30'::date))::int as early,
        count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and s.status = 'ENROLLED'
          and s.enrolment_order_date > '2026-07-03'::date)::int as late
      from scoped s group by s.organization_id`;
    const keyOf = new Map(Object.entries(seeded.catalog.organizations).map(([key, id]) => [id, key]));
    const found = seeded.catalog.municipalityIds.map((_, index) => ({
      municipality: index + 1,
      earlyDirections: {} as Record<string, number>,
      lateEnrolments: {} as Record<string, number>,
    }));
    for (const row of rows) {
      const key = keyOf.get(row.key) ?? row.key;
      const entry = found[Number(key.split('-')[1]) - 1]!;
      if (row.early) entry.earlyDirections[key] = row.early;
      if (row.late) entry.lateEnrolments[key] = row.late;
    }
    expect(found).toEqual(seeded.faults.admissions.violations);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(found.map((entry) => [total(entry.earlyDirections), total(entry.lateEnrolments)])).toEqual([
      [PLANTED.earlyDirections, PLANTED.lateEnrolments],
      [0, 0],
    ]);
    // No OTHER child directed before reception of others began, nobody registered outside the windows.
    const outside = await sql`
      select a.id from admissions.applications a
      where a.kind = 'FIRST_GRADE' and (
        (a.category = 'OTHER' and ((a.registered_at at time zone 'Asia/Yekaterinburg')::date not between '2026-07-06' and '2026-09-05'
          or exists (select 1 from admissions.status_history h where h.application_id = a.id and h.to_status = 'DIRECTED'
            and (h.changed_at at time zone 'Asia/Yekaterinburg')::date < '2026-07-06')))
        or (a.category <> 'OTHER' and (a.registered_at at time zone 'Asia/Yekaterinburg')::date not between '2026-04-01' and '2026-06-30'))`;
    expect(outside).toEqual([]);
  });

  it('takes 80–88% of first-grade applications from ЕПГУ, each under its own number', async () => {
    const [share] = await sql<{ epgu: number; total: number; numbers: number }[]>`
      select count(*) filter (where source = 'EPGU')::int as epgu, count(*)::int as total,
        count(distinct epgu_number)::int as numbers
      from admissions.applications where kind = 'FIRST_GRADE' and year = 2026`;
    expect(share!.epgu / share!.total).toBeGreaterThanOrEqual(0.8);
    expect(share!.epgu / share!.total).toBeLessThanOrEqual(0.88);
    expect(share!.numbers).toBe(share!.epgu);
    expect(seeded.faults.admissions.firstGrade.epguShare).toBe(Math.round((share!.epgu / share!.total) * 1000) / 10);
    // Support search (rule 16): an ЕПГУ number with its registration date finds exactly its application.
    const [sample] = await sql<{ epgu_number: string; day: string }[]>`
      select epgu_number, (registered_at at time zone 'Asia/Yekaterinburg')::date::text as day
      from admissions.applications where source = 'EPGU' order by id limit 1`;
    const found = await sql`
      select id from admissions.applications where epgu_number = ${sample!.epgu_number}
        and (registered_at at time zone 'Asia/Yekaterinburg')::date = ${sample!.day}`;
    expect(found).toHaveLength(1);
  });

  it('queues one message per status change of an ЕПГУ application, in order, a few not delivered yet', async () => {
    const [counts] = await sql<{ changes: number; messages: number; waiting: number; foreign: number }[]>`
      select (select count(*) from admissions.status_history h join admissions.applications a on a.id = h.application_id
          where a.source = 'EPGU')::int as changes,
        (select count(*) from admissions.outbox where event = 'STATUS_CHANGED')::int as messages,
        (select count(*) from admissions.outbox where delivered_at is null and attempts > 0 and last_error is not null)::int as waiting,
        (select count(*) from admissions.outbox o join admissions.applications a on a.id = o.application_id
          where a.source <> 'EPGU')::int as foreign`;
    expect(counts).toEqual({
      changes: counts!.messages,
      messages: counts!.messages,
      waiting: seeded.faults.admissions.undeliveredMessages,
      foreign: 0,
    });
    expect(counts!.waiting).toBeGreaterThan(0);
    const unordered = await sql`
      select o.id from admissions.outbox o
      join admissions.outbox later on later.application_id = o.application_id and later.id > o.id
      where later.created_at < o.created_at or (o.delivered_at is null and later.delivered_at is not null)`;
    expect(unordered).toEqual([]);
  });

  it('keeps one current queue position per application, 1..n in each kindergarten', async () => {
    const notOne = await sql`
      select a.id, count(q.id) filter (where q.current)::int as current
      from admissions.applications a left join admissions.queue_positions q on q.application_id = a.id
      where a.kind = 'KINDERGARTEN' group by a.id having count(q.id) filter (where q.current) <> 1`;
    expect(notOne).toEqual([]);
    // The admissions subgraph orders the queue exactly so (queue/service.ts): its next recount moves nobody.
    const misplaced = await sql`
      with expected as (
        select a.id, c.organization_id, row_number() over (partition by c.organization_id
          order by a.category = 'PRIORITY' desc, a.registered_at, a.id) as position
        from admissions.applications a join admissions.application_choices c on c.application_id = a.id
        where a.kind = 'KINDERGARTEN' and a.status in ('SUBMITTED', 'UNDER_REVIEW', 'DOCUMENTS_REQUESTED', 'ACCEPTED'))
      select e.id from expected e
      left join admissions.queue_positions q on q.application_id = e.id and q.organization_id = e.organization_id
        and q.current
      where q.position is distinct from e.position`;
    expect(misplaced).toEqual([]);
  });

  it('shows the demo guardian her younger daughter’s place in the queue and how it changed', async () => {
    const guardian = seeded.catalog.accounts[GUARDIAN_QUEUE.login]?.[0] ?? '';
    const rows = await sql<
      { child: string; position: number; previous: number | null; reason: string; current: boolean }[]
    >`
      select a.child_last_name || ' ' || a.child_first_name as child, q.position, q.previous_position as previous,
        q.reason, q.current
      from admissions.applications a join admissions.queue_positions q on q.application_id = a.id
      where a.applicant_id = ${guardian} and a.kind = 'KINDERGARTEN'
      order by q.changed_at, q.id`;
    expect(new Set(rows.map((row) => row.child))).toEqual(new Set(['Кузнецова Варвара']));
    expect(rows[0]).toMatchObject({ previous: null, reason: 'Постановка на учёт' });
    expect(rows.length - 1).toBeGreaterThanOrEqual(2);
    expect(rows.length - 1).toBeLessThanOrEqual(3);
    expect(rows.map((row) => row.current)).toEqual(rows.map((_, index) => index === rows.length - 1));
  });

  it('refers only to real people and organizations', async () => {
    const missing = await sql`
      with ids(id) as (
        select child_id from admissions.applications union select applicant_id from admissions.applications
        union select changed_by from admissions.status_history)
      select id from ids where id is not null and id not in (select id from people.persons)`;
    expect(missing).toEqual([]);
    const organizations = await sql`
      with ids(id) as (
        select organization_id from admissions.places union select organization_id from admissions.territories
        union select organization_id from admissions.application_choices
        union select directed_organization_id from admissions.applications
        union select organization_id from admissions.queue_positions)
      select id from ids where id is not null and id not in (select id from people.organizations)`;
    expect(organizations).toEqual([]);
  });
});
