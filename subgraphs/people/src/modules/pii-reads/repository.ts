/** The personal-data access log's SQL (issue 14 §4). */
import { piiReadTables, qualified, type Executor } from '@region/db';
import { regionTimeZone } from '@region/kit';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';

const { piiReads } = piiReadTables;

export type PiiReadInsert = typeof piiReads.$inferSelect;
export type PiiReadRow = Awaited<ReturnType<typeof piiReadsOfPerson>>[number];

/**
 * One INSERT for any number of rows: the batch travels as one JSON parameter (no bind-parameter limit
 * however many reads waited), which `jsonb_to_recordset` turns back into rows.
 */
export async function insertPiiReads(db: Executor, rows: readonly PiiReadInsert[]): Promise<void> {
  const payload = rows.map((row) => ({
    id: row.id,
    read_at: row.readAt.toISOString(),
    person_id: row.personId,
    reader_person_id: row.readerPersonId,
    service_account_id: row.serviceAccountId,
    role: row.role,
    organization_id: row.organizationId,
    municipality_id: row.municipalityId,
    fields: row.fields,
    operation: row.operation,
  }));
  await db.execute(sql`insert into people.pii_reads (id, read_at, person_id, reader_person_id, service_account_id,
      role, organization_id, municipality_id, fields, operation)
    select id, read_at, person_id, reader_person_id, service_account_id, role, organization_id, municipality_id,
      fields, operation
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(id uuid, read_at timestamptz, person_id uuid,
      reader_person_id uuid, service_account_id uuid, role text, organization_id uuid, municipality_id uuid,
      fields text[], operation text)`);
}

export interface PiiReadKey {
  readAt: string;
  id: string;
}

/** A person's log, newest first, one page (keyset on `read_at`, `id`). */
export function piiReadsOfPerson(db: Executor, personId: string, first: number, after: PiiReadKey | null) {
  const before = after
    ? sql`(${piiReads.readAt}, ${piiReads.id}) < (${after.readAt}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select({
      ...getTableColumns(piiReads),
      serviceAccountName: sql<string | null>`(select s.name from people.service_accounts s
        where s.id = ${qualified(piiReads.serviceAccountId)})`.as('service_account_name'),
    })
    .from(piiReads)
    .where(and(eq(piiReads.personId, personId), before))
    .orderBy(desc(piiReads.readAt), desc(piiReads.id))
    .limit(first + 1);
}

export type AnomalyRow = {
  readerPersonId: string | null;
  serviceAccountId: string | null;
  serviceAccountName: string | null;
  role: string;
  persons: number;
  usual: number;
  threshold: number;
};

/**
 * Principals who read far more persons' data on a region day than their role usually does: the distinct
 * persons each (principal, role) read on `day`, against the role's usual — the 95th percentile of the
 * same count over every (principal, day) of the role in the `baselineDays` region days before — times
 * `factor`, and never below `floor` (a class teacher opening her class's cards is not an anomaly).
 */
export async function readAnomalies(
  db: Executor,
  params: { day: string; baselineDays: number; factor: number; floor: number },
): Promise<AnomalyRow[]> {
  const zone = regionTimeZone();
  const baselineStart = sql`((${params.day}::date - ${params.baselineDays}::int)::timestamp at time zone ${zone})`;
  const end = sql`((${params.day}::date + 1)::timestamp at time zone ${zone})`;
  const rows = await db.execute<AnomalyRow>(sql`
    with reads as (
      select reader_person_id, service_account_id, role, person_id, (read_at at time zone ${zone})::date as day
      from people.pii_reads
      where read_at >= ${baselineStart} and read_at < ${end}
    ),
    daily as (
      select reader_person_id, service_account_id, role, day, count(distinct person_id)::int as persons
      from reads group by reader_person_id, service_account_id, role, day
    ),
    usual as (
      select role, percentile_cont(0.95) within group (order by persons) as p95
      from daily where day < ${params.day}::date group by role
    )
    select d.reader_person_id as "readerPersonId", d.service_account_id as "serviceAccountId",
      (select s.name from people.service_accounts s where s.id = d.service_account_id) as "serviceAccountName", d.role,
      d.persons, coalesce(ceil(u.p95), 0)::int as usual,
      greatest(ceil(coalesce(u.p95, 0) * ${params.factor}::float8), ${params.floor}::int)::int as threshold
    from daily d left join usual u on u.role = d.role
    where d.day = ${params.day}::date
      and d.persons > greatest(ceil(coalesce(u.p95, 0) * ${params.factor}::float8), ${params.floor}::int)
    order by d.persons desc, d.role, d.reader_person_id, d.service_account_id`);
  return [...rows];
}

// The monthly partitions (migration 0027): created ahead, dropped past the retention, through the migration
// owner's SECURITY DEFINER functions, so the people role keeps no DDL and no DELETE right on the log.

/** Months created ahead of the current one, so a flush never lands in the default partition. */
export const MONTHS_AHEAD = 3;

/** The first moment kept: the start of the UTC month `retentionMonths` before the current one. */
export function retentionStart(now: Date, retentionMonths: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1));
}

export async function maintainPiiReadPartitions(
  db: Executor,
  now: Date,
  retentionMonths: number,
): Promise<{ created: number; dropped: string[] }> {
  const month = now.toISOString().slice(0, 10);
  const [ensured] = await db.execute<{ created: number }>(
    sql`select people.ensure_pii_read_partitions(${month}::date, ${MONTHS_AHEAD + 1}::int) as created`,
  );
  const dropped = await db.execute<{ name: string }>(
    sql`select people.drop_pii_read_partitions(${retentionStart(now, retentionMonths).toISOString()}::timestamptz) as name`,
  );
  return { created: ensured?.created ?? 0, dropped: [...dropped].map((row) => row.name) };
}
