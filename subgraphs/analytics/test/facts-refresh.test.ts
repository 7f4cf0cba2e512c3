/**
 * How the pre-aggregated facts are kept (issue 12, facts/refresh.ts): a touched organization is recomputed
 * from its month exactly as a whole rebuild would fill it while every other row stays as it was; the rebuild
 * in turns reaches every organization, a few per refresh, and then the facts equal a whole rebuild; and a
 * change committed while a refresh runs is taken in by the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@region/db';
import { startPlatform, type Platform } from '@region/tests/platform';
import { refreshFacts, type RefreshResult } from '../src/facts/refresh.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
const TABLES = [
  'fact_contingent',
  'fact_marks',
  'fact_marks_summary',
  'fact_attendance',
  'fact_attendance_summary',
] as const;

let platform: Platform;
/** The subgraph's own role: the refresh runs with exactly its privileges. */
let analytics: DbHandle;

const refresh = (options: Parameters<typeof refreshFacts>[1] = {}) =>
  refreshFacts(analytics.db, { overlapMs: 0, now: TODAY, ...options });
const resultOf = (results: RefreshResult[], fact: string) => results.find((result) => result.fact === fact)!;

/** Every fact table's rows, as sorted JSON lines: two fills are equal when these are. */
async function contents(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await platform.admin.sql.unsafe<{ row: string }[]>(
      `select row_to_json(f)::text as row from analytics.${table} f`,
    );
    out[table] = rows.map((row) => row.row).sort();
  }
  return out;
}

/** What a whole rebuild fills, from the same data (the facts are left rebuilt). */
async function wholeRebuild(): Promise<Record<string, string[]>> {
  await refresh({ rebuild: true });
  return contents();
}

/** The physical version of every row (ctid, xmin) of the marks fact: a rewritten row changes it. */
async function versions(): Promise<Map<string, { organization: string; date: string }>> {
  const rows = await platform.admin.sql<{ version: string; organization_id: string; date: string }[]>`
    select ctid::text || '/' || xmin::text as version, organization_id, date::text as date from analytics.fact_marks`;
  return new Map(rows.map((row) => [row.version, { organization: row.organization_id, date: row.date }]));
}

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  analytics = createDb(platform.database.roleUrl('analytics'), { max: 2 });
  const first = await refresh();
  expect(first.every((result) => result.rebuilt)).toBe(true);
}, 120_000);
afterAll(async () => {
  await analytics?.close();
  await platform?.stop();
});

describe('the facts refresh', () => {
  it('recomputes a touched organization from its month exactly, and rewrites no other row', async () => {
    const sql = platform.admin.sql;
    // Two schools' latest month of marks: a mark of it changed in the first, one deleted in the second.
    const [first, second] = await sql<{ organization_id: string; month: string }[]>`
      select organization_id, date_trunc('month', max(date))::date::text as month from learning.marks
      where deleted_at is null and kind = 'CURRENT' group by organization_id
      having count(distinct date_trunc('month', date)) > 1 order by organization_id limit 2`;
    expect(second, 'the demo has two schools with marks in more than one month').toBeDefined();
    await sql`update learning.marks set value = (case when value = '2' then '5' else '2' end)::learning.mark_value, updated_at = now()
      where id = (select id from learning.marks where organization_id = ${first!.organization_id}
        and deleted_at is null and kind = 'CURRENT' and date >= ${first!.month}::date order by id limit 1)`;
    await sql`update learning.marks set deleted_at = now(), updated_at = now()
      where id = (select id from learning.marks where organization_id = ${second!.organization_id}
        and deleted_at is null and kind = 'CURRENT' and date >= ${second!.month}::date order by id limit 1)`;
    const before = await versions();

    const results = await refresh();
    const marks = resultOf(results, 'MARKS');
    expect(marks.rebuilt).toBe(false);
    expect(marks.slices.sort((a, b) => a.organizationId.localeCompare(b.organizationId))).toEqual([
      { organizationId: first!.organization_id, fromMonth: first!.month },
      { organizationId: second!.organization_id, fromMonth: second!.month },
    ]);
    // Every row outside the two slices is the very row it was; inside them, rows were written anew.
    const after = await versions();
    const inSlice = (row: { organization: string; date: string }) =>
      (row.organization === first!.organization_id && row.date >= first!.month) ||
      (row.organization === second!.organization_id && row.date >= second!.month);
    const keptBefore = [...before].filter(([, row]) => !inSlice(row)).map(([version]) => version);
    const keptAfter = [...after].filter(([, row]) => !inSlice(row)).map(([version]) => version);
    expect(keptAfter.sort()).toEqual(keptBefore.sort());
    expect(keptBefore.length).toBeGreaterThan(0);
    const rewritten = [...after].filter(([version, row]) => inSlice(row) && !before.has(version));
    expect(rewritten.length).toBe([...after].filter(([, row]) => inSlice(row)).length);
    expect(rewritten.length).toBeGreaterThan(0);

    const incremental = await contents();
    expect(await wholeRebuild()).toEqual(incremental);
  }, 120_000);

  it('rebuilds every organization in turns, a few per refresh, and then equals a whole rebuild', async () => {
    const sql = platform.admin.sql;
    await refresh();
    const organizations = (await sql<{ id: string }[]>`select id from people.organizations order by id`).map(
      (row) => row.id,
    );
    // Changes no change time records: a learner taken off a class list in learning alone (the attendance
    // fact's lesson slots), and a marks fact row gone astray (the last organization in turn order, so it
    // stays wrong until the cycle's end).
    const [member] = await sql<{ id: string; organization_id: string }[]>`
      select m.id, c.organization_id from learning.class_members m join learning.classes c on c.id = m.class_id
      where m.left_on is null and exists (select 1 from learning.lessons l where l.class_id = m.class_id
        and l.date between '2026-09-01' and '2026-11-19')
      order by m.id limit 1`;
    await sql`update learning.class_members set left_on = '2026-09-01' where id = ${member!.id}`;
    const [astray] = await sql<{ organization_id: string }[]>`
      select organization_id from analytics.fact_marks group by organization_id order by organization_id desc limit 1`;
    const astrayMarks = async () => {
      const [row] = await sql<{ marks: number }[]>`select sum(marks)::int as marks from analytics.fact_marks
        where organization_id = ${astray!.organization_id}`;
      return row!.marks;
    };
    const rightMarks = await astrayMarks();
    const { count: rows } = await sql`update analytics.fact_marks set marks = marks + 1
      where organization_id = ${astray!.organization_id}`;
    const drifted = await contents();

    const perRefresh = 4;
    const ticks = Math.ceil(organizations.length / perRefresh);
    const reached: string[] = [];
    for (let tick = 0; tick < ticks; tick += 1) {
      const results = await refresh({ rebuildEveryMs: 1, rebuildOrganizations: perRefresh });
      for (const result of results) expect(result.rebuiltOrganizations.length).toBeLessThanOrEqual(perRefresh);
      const marks = resultOf(results, 'MARKS').rebuiltOrganizations;
      // Every fact takes the same organizations in the same turn.
      for (const result of results) expect(result.rebuiltOrganizations).toEqual(marks);
      reached.push(...marks);
      // The stray row stays until its organization's turn, and is set right in it.
      expect(await astrayMarks()).toBe(reached.includes(astray!.organization_id) ? rightMarks : rightMarks + rows);
    }
    // Each organization once, every organization by the cycle's end.
    expect([...reached].sort()).toEqual(organizations);
    const cycled = await contents();
    expect(cycled).not.toEqual(drifted);
    expect(await wholeRebuild()).toEqual(cycled);
    // Just rebuilt, nothing is due for a day.
    const quiet = await refresh({ rebuildEveryMs: 24 * 60 * 60 * 1000, rebuildOrganizations: perRefresh });
    expect(quiet.map((result) => result.rebuiltOrganizations)).toEqual([[], [], []]);
  }, 240_000);

  it('takes in a change committed while a refresh runs, at the next refresh', async () => {
    const sql = platform.admin.sql;
    await refresh();
    const [mark] = await sql<{ id: string; organization_id: string; month: string }[]>`
      select id, organization_id, date_trunc('month', date)::date::text as month from learning.marks
      where deleted_at is null and kind = 'CURRENT' and value = '5' order by id desc limit 1`;
    const twos = async () => {
      const [row] = await sql<{ twos: number }[]>`select coalesce(sum(twos), 0)::int as twos from analytics.fact_marks
        where organization_id = ${mark!.organization_id} and date = ${mark!.month}::date`;
      return row!.twos;
    };
    const twosBefore = await twos();
    // The writer's transaction starts (its change time is its start) before the refresh and commits after it.
    await sql.begin(async (tx) => {
      await tx`update learning.marks set value = '2', updated_at = now() where id = ${mark!.id}`;
      await refresh({ overlapMs: 60_000 });
    });
    // The refresh could not see it…
    expect(await twos()).toBe(twosBefore);
    const stale = await contents();
    const next = await refresh({ overlapMs: 60_000 });
    const slice = resultOf(next, 'MARKS').slices.find((each) => each.organizationId === mark!.organization_id);
    expect(slice, 'the organization is recomputed').toBeDefined();
    expect(slice!.fromMonth === null || slice!.fromMonth <= mark!.month).toBe(true);
    // …the next one takes it in: its change time lies before the watermark, but within the overlap.
    expect(await twos()).toBe(twosBefore + 1);
    const fresh = await contents();
    expect(fresh).not.toEqual(stale);
    expect(await wholeRebuild()).toEqual(fresh);
  }, 120_000);

  it('takes a change time stamped ahead of the clock when its time comes, not at every refresh', async () => {
    const sql = platform.admin.sql;
    await refresh();
    const [mark] = await sql<{ id: string; organization_id: string }[]>`
      select id, organization_id from learning.marks where deleted_at is null and kind = 'CURRENT' and value = '4'
      order by id limit 1`;
    const touched = (results: RefreshResult[]) =>
      resultOf(results, 'MARKS').slices.some((slice) => slice.organizationId === mark!.organization_id);
    // The region generator stamps its journal in the simulated year, ahead of the wall clock.
    await sql`update learning.marks set value = '2', updated_at = now() + interval '1 day' where id = ${mark!.id}`;
    expect(touched(await refresh())).toBe(false);
    expect(touched(await refresh())).toBe(false);
    // Its time comes (here: the change time moves to the present) and the next refresh takes it, once.
    await sql`update learning.marks set updated_at = now() where id = ${mark!.id}`;
    expect(touched(await refresh())).toBe(true);
    expect(touched(await refresh())).toBe(false);
    const caughtUp = await contents();
    expect(await wholeRebuild()).toEqual(caughtUp);
  }, 120_000);
});
