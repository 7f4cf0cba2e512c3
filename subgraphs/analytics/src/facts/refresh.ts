/**
 * The pre-aggregated facts (issue 12: "a regional dashboard reads thousands of rows, not millions"), kept
 * fresh incrementally from the read contract. A refresh takes the changes the owners recorded since the
 * fact's watermark (`analytics_contract.fact_changes`) and recomputes each touched organization (from the
 * month a change touches on) with statements keyed by that one organization and month, which the planner
 * pushes into the owners' indexes (`marks_organization_date_idx`, `lessons_organization_date_idx`) — so a
 * catch-up reads the touched organizations' rows, not the region's journal. Each organization's delete and
 * insert (and its summary's) is one transaction, so a report never reads half an organization; the
 * watermark moves only after every touched organization is done, so a failed refresh is redone whole.
 * The periodic rebuild goes per organization in turns: each refresh rebuilds the few organizations whose
 * facts were rebuilt longest ago (`analytics.fact_rebuilds`), catching what no change time records (a class
 * list edited in learning) without a region-sized transaction. Only the first fill (or `rebuild: true`)
 * fills a fact whole, in one transaction. docs/architecture.md, "Analytics: pre-aggregated facts".
 */
import type { Executor } from '@region/db';
import { regionDate } from '@region/kit';
import { sql, type SQL } from 'drizzle-orm';

export const FACTS = ['CONTINGENT', 'MARKS', 'ATTENDANCE'] as const;
export type FactId = (typeof FACTS)[number];

/**
 * Changes are re-read this far behind the watermark: a writer's change time is its transaction's start, so a
 * transaction that began before a refresh and committed after it is still taken in by the next one.
 */
export const DEFAULT_OVERLAP_MS = 5 * 60 * 1000;

/** The fact tables and the statement that fills them from the contract for the rows `where` selects. */
interface Fill {
  table: string;
  monthly: boolean;
  insert: (where: SQL) => SQL;
  /** A summary filled from the fact itself after it, over the same slices (`f` is the fact's row). */
  summary?: { table: string; insert: (where: SQL) => SQL };
}

const FILL: Readonly<Record<FactId, Fill>> = {
  CONTINGENT: {
    table: 'analytics.fact_contingent',
    monthly: false,
    insert: (where) => sql`insert into analytics.fact_contingent (organization_id, municipality_id,
        organization_type, class_id, grade, gender, birth_year, birth_month, consented, school_year, started_on,
        ended_on, persons)
      select f.organization_id, f.municipality_id, f.organization_type, f.class_id, f.grade, f.gender,
        f.birth_year, f.birth_month, f.consented, f.school_year, f.started_on, f.ended_on,
        count(distinct f.person_key)
      from analytics_contract.contingent f where ${where}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`,
  },
  MARKS: {
    table: 'analytics.fact_marks',
    monthly: true,
    // The marks dataset's base (current and control marks) is the fact's: period marks are not in it.
    insert: (where) => sql`insert into analytics.fact_marks (person_key, organization_id, municipality_id,
        organization_type, class_id, grade, gender, birth_year, birth_month, consented, subject_id, period_id,
        date, kind, marks, twos, weight_sum, weighted_sum)
      select f.person_key, f.organization_id, f.municipality_id, f.organization_type, f.class_id, f.grade,
        f.gender, f.birth_year, f.birth_month, f.consented, f.subject_id, f.period_id,
        date_trunc('month', f.date)::date, f.kind,
        count(*) filter (where f.value in ('2', '3', '4', '5')),
        count(*) filter (where f.value = '2'),
        coalesce(sum(f.weight) filter (where f.value in ('2', '3', '4', '5')), 0),
        coalesce(sum(f.value::int * f.weight) filter (where f.value in ('2', '3', '4', '5')), 0)
      from analytics_contract.marks f where f.kind in ('CURRENT', 'CONTROL') and ${where}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14`,
    summary: {
      table: 'analytics.fact_marks_summary',
      insert: (where) => sql`insert into analytics.fact_marks_summary (organization_id, municipality_id,
          organization_type, subject_id, period_id, date, kind, persons, marks, twos, weight_sum, weighted_sum)
        select f.organization_id, f.municipality_id, f.organization_type, f.subject_id, f.period_id, f.date, f.kind,
          count(distinct f.person_key), sum(f.marks), sum(f.twos), sum(f.weight_sum), sum(f.weighted_sum)
        from analytics.fact_marks f where ${where}
        group by 1, 2, 3, 4, 5, 6, 7`,
    },
  },
  ATTENDANCE: {
    table: 'analytics.fact_attendance',
    monthly: true,
    insert: (where) => sql`insert into analytics.fact_attendance (person_key, organization_id, municipality_id,
        organization_type, class_id, grade, gender, birth_year, birth_month, consented, subject_id, date, slots,
        absences, sick, present, marked)
      select f.person_key, f.organization_id, f.municipality_id, f.organization_type, f.class_id, f.grade,
        f.gender, f.birth_year, f.birth_month, f.consented, f.subject_id, date_trunc('month', f.date)::date,
        count(*),
        count(*) filter (where f.status in ('ABSENT', 'SICK', 'EXCUSED')),
        count(*) filter (where f.status = 'SICK'),
        count(*) filter (where f.status is null or f.status = 'LATE'),
        count(f.status)
      from analytics_contract.lesson_attendance f where ${where}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`,
    summary: {
      table: 'analytics.fact_attendance_summary',
      insert: (where) => sql`insert into analytics.fact_attendance_summary (organization_id, municipality_id,
          organization_type, subject_id, date, persons, slots, absences, sick, present, marked)
        select f.organization_id, f.municipality_id, f.organization_type, f.subject_id, f.date,
          count(distinct f.person_key), sum(f.slots), sum(f.absences), sum(f.sick), sum(f.present), sum(f.marked)
        from analytics.fact_attendance f where ${where}
        group by 1, 2, 3, 4, 5`,
    },
  },
};

/** Organizations rebuilt whole per fact and refresh by default (the rebuild in turns). */
export const DEFAULT_REBUILD_ORGANIZATIONS = 10;

/** An organization whose facts are recomputed, from a month on (null: every month). */
export interface DirtySlice {
  organizationId: string;
  fromMonth: string | null;
}

export interface RefreshResult {
  fact: FactId;
  rebuilt: boolean;
  /** Organizations recomputed for their changes (every one on a whole rebuild is not listed). */
  slices: DirtySlice[];
  /** Organizations rebuilt whole in turn by this refresh. */
  rebuiltOrganizations: string[];
}

/** The facts' state: which were ever filled, and their watermarks. */
export async function factStates(db: Executor): Promise<Map<FactId, { watermark: Date; rebuiltAt: Date }>> {
  const rows = await db.execute<{ fact: FactId; watermark: Date | string; rebuilt_at: Date | string }>(
    sql`select fact, watermark, rebuilt_at from analytics.fact_refresh`,
  );
  return new Map(
    [...rows].map((row) => [row.fact, { watermark: new Date(row.watermark), rebuiltAt: new Date(row.rebuilt_at) }]),
  );
}

/**
 * Organizations (and months) touched since the watermark and up to the refresh's start, by the owners' change
 * times. A change time after the start belongs to the next refresh's window (which begins at this start, less
 * the overlap), so nothing is skipped, and a change time stamped ahead of the clock — the region generator's
 * journal carries its simulated year's times — is taken once, when its time comes, not at every refresh.
 */
async function dirtySlices(
  db: Executor,
  fact: FactId,
  since: Date,
  until: Date,
  fingerprintFrom: string,
): Promise<DirtySlice[]> {
  const kinds = fact === 'CONTINGENT' ? ['ALL'] : ['ALL', fact];
  const rows = await db.execute<{ organization_id: string; from_month: string | null; whole: boolean }>(
    sql`select organization_id, min(from_month)::text as from_month, bool_or(from_month is null) as whole
      from analytics_contract.fact_changes
      where fact in ${kinds} and changed_at > ${since.toISOString()}::timestamptz
        and changed_at <= ${until.toISOString()}::timestamptz
      group by organization_id`,
  );
  const slices = [...rows].map((row) => ({
    organizationId: row.organization_id,
    fromMonth: FILL[fact].monthly && !row.whole ? row.from_month : null,
  }));
  if (fact !== 'ATTENDANCE') return slices;
  // An attendance mark removed leaves no change time: compare the marks per organization and month of the
  // last two months with what the fact holds, and recompute where they differ. The fact's side is read from its
  // summary (filled in the same transaction as the fact): at the region 20 ms instead of 5.9 s.
  const drifted = await db.execute<{ organization_id: string; month: string }>(
    sql`with source as (select organization_id, month, marks from analytics_contract.attendance_counts
        where month >= ${fingerprintFrom}::date),
      held as (select organization_id, date as month, sum(marked)::int as marks from analytics.fact_attendance_summary
        where date >= ${fingerprintFrom}::date group by organization_id, date)
      select coalesce(s.organization_id, h.organization_id) as organization_id, coalesce(s.month, h.month)::text as month
      from source s full join held h on h.organization_id = s.organization_id and h.month = s.month
      where coalesce(s.marks, 0) <> coalesce(h.marks, 0)`,
  );
  const byOrganization = new Map(slices.map((slice) => [slice.organizationId, slice]));
  for (const row of drifted) {
    const known = byOrganization.get(row.organization_id);
    if (!known) byOrganization.set(row.organization_id, { organizationId: row.organization_id, fromMonth: row.month });
    else if (known.fromMonth !== null && row.month < known.fromMonth) known.fromMonth = row.month;
  }
  return [...byOrganization.values()];
}

/** Serializes every write of the facts, across workers: no two transactions ever double a slice. */
const LOCK = sql`select pg_advisory_xact_lock(hashtext('analytics.facts'))`;

type Transactional = { transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T> };

/**
 * Rows `f` of one organization from a month on: plain equalities and a range on the columns the views take
 * straight from the owners' tables (`organization_id`, `date`), so the planner reads them by index. On a
 * view the row's date is the day, on a fact its month's first day; `fromMonth` is a first day, so
 * `f.date >= fromMonth` selects the same months on both.
 */
function ofSlice(slice: DirtySlice, monthly: boolean): SQL {
  const organization = sql`f.organization_id = ${slice.organizationId}::uuid`;
  return monthly && slice.fromMonth !== null
    ? sql`${organization} and f.date >= ${slice.fromMonth}::date`
    : organization;
}

/**
 * Recomputes one organization's rows of a fact and its summary (from a month on) in one transaction; a
 * whole organization's recompute is its rebuild and is recorded as such (`at`: the refresh's start).
 */
async function recompute(db: Transactional, fact: FactId, slice: DirtySlice, at: Date): Promise<void> {
  const fill = FILL[fact];
  const where = ofSlice(slice, fill.monthly);
  await db.transaction(async (tx) => {
    await tx.execute(LOCK);
    // An organization's lessons × class lists are a small part of the journal: at the default page cost the
    // planner hashes the whole attendance table instead of probing it by index (11.7 s against 2.7 s for the
    // region's largest school, docs/architecture.md). The cost of an SSD's random read, for this transaction.
    await tx.execute(sql`set local random_page_cost = 1.1`);
    await tx.execute(sql`delete from ${sql.raw(fill.table)} f where ${where}`);
    await tx.execute(fill.insert(where));
    if (fill.summary) {
      await tx.execute(sql`delete from ${sql.raw(fill.summary.table)} f where ${where}`);
      await tx.execute(fill.summary.insert(where));
    }
    if (slice.fromMonth === null || !fill.monthly)
      await tx.execute(sql`insert into analytics.fact_rebuilds (fact, organization_id, rebuilt_at)
        values (${fact}, ${slice.organizationId}::uuid, ${at.toISOString()})
        on conflict (fact, organization_id) do update set rebuilt_at = excluded.rebuilt_at`);
  });
}

/** The organizations due for their turn: rebuilt before `dueBefore` (or never), the longest ago first. */
async function dueOrganizations(db: Executor, fact: FactId, dueBefore: Date, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db.execute<{ organization_id: string }>(
    sql`select o.organization_id from analytics_contract.organizations o
      left join analytics.fact_rebuilds r on r.fact = ${fact} and r.organization_id = o.organization_id
      where r.rebuilt_at is null or r.rebuilt_at <= ${dueBefore.toISOString()}::timestamptz
      order by r.rebuilt_at nulls first, o.organization_id
      limit ${limit}`,
  );
  return [...rows].map((row) => row.organization_id);
}

/** Fills a fact whole in one transaction (the first fill, or on demand) and records every organization rebuilt. */
async function fillWhole(db: Transactional, fact: FactId, at: Date): Promise<void> {
  const fill = FILL[fact];
  await db.transaction(async (tx) => {
    await tx.execute(LOCK);
    await tx.execute(sql`delete from ${sql.raw(fill.table)}`);
    await tx.execute(fill.insert(sql`true`));
    if (fill.summary) {
      await tx.execute(sql`delete from ${sql.raw(fill.summary.table)}`);
      await tx.execute(fill.summary.insert(sql`true`));
    }
    await tx.execute(sql`insert into analytics.fact_rebuilds (fact, organization_id, rebuilt_at)
      select ${fact}, o.organization_id, ${at.toISOString()}::timestamptz from analytics_contract.organizations o
      on conflict (fact, organization_id) do update set rebuilt_at = excluded.rebuilt_at`);
    await tx.execute(sql`insert into analytics.fact_refresh (fact, watermark, refreshed_at, rebuilt_at)
      values (${fact}, ${at.toISOString()}, ${at.toISOString()}, ${at.toISOString()})
      on conflict (fact) do update set watermark = excluded.watermark, refreshed_at = excluded.refreshed_at,
        rebuilt_at = excluded.rebuilt_at`);
  });
}

/**
 * Brings every fact up to date: a fact never filled (or every fact, with `rebuild`) is filled whole in one
 * transaction; otherwise each organization touched since the watermark is recomputed in its own transaction,
 * then up to `rebuildOrganizations` organizations whose rebuild is older than `rebuildEveryMs` are rebuilt in
 * turn, and the watermark moves to the refresh's start. One call always leaves the facts complete and
 * current (the bench's single fill relies on it).
 */
export async function refreshFacts(
  db: Transactional,
  options: {
    /** An organization whose facts were rebuilt longer ago is due for a rebuild in turn (unset: never). */
    rebuildEveryMs?: number;
    /** At most this many organizations rebuilt in turn per fact and refresh (default 10). */
    rebuildOrganizations?: number;
    /** Fill every fact whole, in one transaction each. */
    rebuild?: boolean;
    /** How far behind the watermark changes are re-read (default 5 minutes). */
    overlapMs?: number;
    /** The clock: the attendance fingerprint covers its region month and the one before. */
    now?: Date;
  } = {},
): Promise<RefreshResult[]> {
  const today = regionDate(options.now ?? new Date());
  const month = Number(today.slice(5, 7));
  const fingerprintFrom =
    month === 1
      ? `${Number(today.slice(0, 4)) - 1}-12-01`
      : `${today.slice(0, 4)}-${String(month - 1).padStart(2, '0')}-01`;
  // The refresh's start, taken before any change is read: the next refresh re-reads from it (less the
  // overlap), so a change committed while this one runs is never skipped.
  const { startedAt, states } = await db.transaction(async (tx) => {
    const [{ started }] = (await tx.execute<{ started: Date | string }>(sql`select now() as started`)) as unknown as [
      { started: Date | string },
    ];
    return { startedAt: new Date(started), states: await factStates(tx) };
  });
  const results: RefreshResult[] = [];
  for (const fact of FACTS) {
    const state = states.get(fact);
    if (options.rebuild === true || !state) {
      await fillWhole(db, fact, startedAt);
      results.push({ fact, rebuilt: true, slices: [], rebuiltOrganizations: [] });
      continue;
    }
    const since = new Date(state.watermark.getTime() - (options.overlapMs ?? DEFAULT_OVERLAP_MS));
    const slices = await db.transaction((tx) => dirtySlices(tx, fact, since, startedAt, fingerprintFrom));
    for (const slice of slices) await recompute(db, fact, slice, startedAt);
    const rebuiltOrganizations =
      options.rebuildEveryMs === undefined
        ? []
        : await db.transaction((tx) =>
            dueOrganizations(
              tx,
              fact,
              new Date(startedAt.getTime() - options.rebuildEveryMs!),
              options.rebuildOrganizations ?? DEFAULT_REBUILD_ORGANIZATIONS,
            ),
          );
    for (const organizationId of rebuiltOrganizations)
      await recompute(db, fact, { organizationId, fromMonth: null }, startedAt);
    // Never backwards: a slower refresh that started earlier must not undo a later one's watermark.
    await db.transaction((tx) =>
      tx.execute(sql`update analytics.fact_refresh
        set watermark = greatest(watermark, ${startedAt.toISOString()}::timestamptz),
          refreshed_at = greatest(refreshed_at, ${startedAt.toISOString()}::timestamptz)
        where fact = ${fact}`),
    );
    results.push({ fact, rebuilt: false, slices, rebuiltOrganizations });
  }
  return results;
}
