/**
 * The pre-aggregated facts (issue 12: "a regional dashboard reads thousands of rows, not millions"), kept
 * fresh incrementally from the read contract: each refresh takes the changes the owners recorded since the
 * fact's watermark (`analytics_contract.fact_changes`), recomputes the touched organizations (from the month
 * a change touches on) from the contract views and moves the watermark — in one transaction, so a report
 * never reads half a refresh. The first refresh, and one every `rebuildEveryMs`, rebuilds a fact whole: it
 * catches what no change time records (a class list edited in learning). docs/architecture.md, "Analytics:
 * pre-aggregated facts".
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
          organization_type, subject_id, date, persons, slots, absences, sick, present)
        select f.organization_id, f.municipality_id, f.organization_type, f.subject_id, f.date,
          count(distinct f.person_key), sum(f.slots), sum(f.absences), sum(f.sick), sum(f.present)
        from analytics.fact_attendance f where ${where}
        group by 1, 2, 3, 4, 5`,
    },
  },
};

/** An organization whose facts are recomputed, from a month on (null: every month). */
export interface DirtySlice {
  organizationId: string;
  fromMonth: string | null;
}

export interface RefreshResult {
  fact: FactId;
  rebuilt: boolean;
  /** Organizations recomputed (every one on a rebuild is not listed). */
  slices: DirtySlice[];
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

/** Organizations (and months) touched since the watermark, by the owners' change times. */
async function dirtySlices(db: Executor, fact: FactId, since: Date, fingerprintFrom: string): Promise<DirtySlice[]> {
  const kinds = fact === 'CONTINGENT' ? ['ALL'] : ['ALL', fact];
  const rows = await db.execute<{ organization_id: string; from_month: string | null; whole: boolean }>(
    sql`select organization_id, min(from_month)::text as from_month, bool_or(from_month is null) as whole
      from analytics_contract.fact_changes
      where fact in ${kinds} and changed_at > ${since.toISOString()}::timestamptz
      group by organization_id`,
  );
  const slices = [...rows].map((row) => ({
    organizationId: row.organization_id,
    fromMonth: FILL[fact].monthly && !row.whole ? row.from_month : null,
  }));
  if (fact !== 'ATTENDANCE') return slices;
  // An attendance mark removed leaves no change time: compare the marks per organization and month of the
  // last two months with what the fact holds, and recompute where they differ.
  const drifted = await db.execute<{ organization_id: string; month: string }>(
    sql`with source as (select organization_id, month, marks from analytics_contract.attendance_counts
        where month >= ${fingerprintFrom}::date),
      held as (select organization_id, date as month, sum(marked)::int as marks from analytics.fact_attendance
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

/** A PostgreSQL array literal passed as one parameter (uuids and dates from the contract itself). */
const arrayLiteral = (values: readonly (string | null)[]) => `{${values.map((value) => value ?? 'NULL').join(',')}}`;

/** Rows `f` of the slices; `dateColumn` is the row's month (a fact's `date`, a view row's truncated date). */
function inSlices(slices: readonly DirtySlice[], monthly: boolean, dateColumn: string): SQL {
  const organizations = arrayLiteral(slices.map((slice) => slice.organizationId));
  if (!monthly) return sql`f.organization_id = any(${organizations}::uuid[])`;
  const months = arrayLiteral(slices.map((slice) => slice.fromMonth));
  return sql`exists (select 1 from unnest(${organizations}::uuid[], ${months}::date[]) d(organization_id, from_month)
    where d.organization_id = f.organization_id and (d.from_month is null or ${sql.raw(dateColumn)} >= d.from_month))`;
}

/**
 * Brings every fact up to date in one transaction (serialized by an advisory lock, so two workers never
 * double a slice). `rebuildEveryMs`: a fact last rebuilt longer ago is rebuilt whole.
 */
export async function refreshFacts(
  db: { transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T> },
  options: {
    rebuildEveryMs?: number;
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
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('analytics.facts'))`);
    const [{ started }] = (await tx.execute<{ started: Date | string }>(sql`select now() as started`)) as unknown as [
      { started: Date | string },
    ];
    const startedAt = new Date(started);
    const states = await factStates(tx);
    const results: RefreshResult[] = [];
    for (const fact of FACTS) {
      const fill = FILL[fact];
      const state = states.get(fact);
      const rebuild =
        options.rebuild === true ||
        !state ||
        (options.rebuildEveryMs !== undefined &&
          startedAt.getTime() - state.rebuiltAt.getTime() >= options.rebuildEveryMs);
      if (rebuild) {
        await tx.execute(sql`delete from ${sql.raw(fill.table)}`);
        await tx.execute(fill.insert(sql`true`));
        if (fill.summary) {
          await tx.execute(sql`delete from ${sql.raw(fill.summary.table)}`);
          await tx.execute(fill.summary.insert(sql`true`));
        }
        results.push({ fact, rebuilt: true, slices: [] });
      } else {
        const since = new Date(state.watermark.getTime() - (options.overlapMs ?? DEFAULT_OVERLAP_MS));
        const slices = await dirtySlices(tx, fact, since, fingerprintFrom);
        if (slices.length) {
          await tx.execute(sql`delete from ${sql.raw(fill.table)} f where ${inSlices(slices, fill.monthly, 'f.date')}`);
          await tx.execute(fill.insert(inSlices(slices, fill.monthly, "date_trunc('month', f.date)")));
          if (fill.summary) {
            await tx.execute(
              sql`delete from ${sql.raw(fill.summary.table)} f where ${inSlices(slices, fill.monthly, 'f.date')}`,
            );
            await tx.execute(fill.summary.insert(inSlices(slices, fill.monthly, 'f.date')));
          }
        }
        results.push({ fact, rebuilt: false, slices });
      }
      await tx.execute(sql`insert into analytics.fact_refresh (fact, watermark, refreshed_at, rebuilt_at)
        values (${fact}, ${startedAt.toISOString()}, ${startedAt.toISOString()}, ${startedAt.toISOString()})
        on conflict (fact) do update set watermark = excluded.watermark, refreshed_at = excluded.refreshed_at,
          rebuilt_at = ${rebuild ? sql`excluded.rebuilt_at` : sql`analytics.fact_refresh.rebuilt_at`}`);
    }
    return results;
  });
}
