/**
 * The change feed (issue 14 §2, as Ed-Fi's change queries): the reader of a subgraph's `changes` log
 * (`@region/db/change-log`, written by triggers in the transaction of each change). Written once here; each
 * subgraph exposes its own entities through `changeFeedResolver` (`<subgraph>Changes` in its SDL).
 *
 * Why it never skips a change: a row's version is its writing transaction's id (`xid8`), and a page only
 * passes rows whose transaction is older than the oldest one still running when the page is read
 * (`txid < pg_snapshot_xmin(pg_current_snapshot())`). Every transaction that could still commit has an id at
 * or above that bound, and every later one gets a bigger id, so whatever commits after a page was read sorts
 * after that page's cursor. A long transaction delays the feed (nothing behind it is passed) but loses
 * nothing. Order within a version: the log's `seq`.
 *
 * Cost: one statement per page (`first` ≤ 200, the index `(entity, txid, seq)`): 10,000 changes are 50.
 *
 * Pruning (`pruneChanges`): rows older than the retention are deleted, and the newest position deleted is kept
 * as the log's horizon. A reader whose cursor lies below the horizon has missed changes: it is told so
 * (`CONFLICT`, reason `CURSOR_EXPIRED`) in the same statement, never answered a page with a silent gap.
 */
import type { ChangeHorizonTable, ChangeLogTable } from '@region/db/change-log';
import type { Executor } from '@region/db';
import type { Scope } from '@region/schema';
import { sql, type SQL } from 'drizzle-orm';
import { badInput, conflict, forbidden } from './errors.ts';
import { pageSize } from './connection.ts';
import type { PolicyBase } from './policy.ts';

export type ChangeKind = 'UPSERT' | 'DELETE';

export interface Change {
  version: string;
  kind: ChangeKind;
  entity: string;
  id: string;
  organizationId: string | null;
  municipalityId: string | null;
  personId: string | null;
  classId: string | null;
  reason: string | null;
}

export interface ChangePage {
  changes: Change[];
  /** Where the next page starts: the last change's position, or `since` when nothing new was passed. */
  cursor: string;
  hasMore: boolean;
}

/** A subgraph's log and its horizon (`@region/db/change-log`). */
export interface ChangeLog {
  log: ChangeLogTable;
  horizon: ChangeHorizonTable;
}

interface Position {
  txid: string;
  seq: number;
}

const START: Position = { txid: '0', seq: 0 };
const CURSOR = /^v1\.(\d{1,20})\.(\d{1,19})$/;

/**
 * Plain, not sealed like list cursors: a consumer stores it for months, across key rotations, and it holds
 * nothing but two counters.
 */
export function changeCursor(position: Position): string {
  return `v1.${position.txid}.${position.seq}`;
}

export function parseChangeCursor(cursor: string | null | undefined): Position {
  if (!cursor) return START;
  const match = CURSOR.exec(cursor);
  if (!match) throw badInput('Неверный курсор ленты изменений: начните чтение сначала (без since).', 'since');
  return { txid: match[1]!, seq: Number(match[2]) };
}

export interface ReadChangesOptions {
  entity: string;
  since?: string | null;
  first?: number | null;
  /** The territory: `'ALL'` for region-wide readers, else the organizations whose rows may be passed. */
  organizations: 'ALL' | readonly string[];
  /** Rows that belong to a municipality (not to one organization) pass for these; `'ALL'` for the region. */
  municipalities?: 'ALL' | readonly string[];
}

type ChangeRow = {
  expired: boolean;
  txid: string | null;
  seq: string | number | null;
  entity: string;
  kind: string;
  id: string;
  organizationId: string | null;
  municipalityId: string | null;
  personId: string | null;
  classId: string | null;
  reason: string | null;
};

function territory({ log }: ChangeLog, options: ReadChangesOptions): SQL | null {
  const { organizations, municipalities = [] } = options;
  if (organizations === 'ALL' || municipalities === 'ALL') return sql`true`;
  const parts: SQL[] = [];
  if (organizations.length) parts.push(sql`${log.organizationId} in ${[...organizations]}`);
  if (municipalities.length) parts.push(sql`${log.municipalityId} in ${[...municipalities]}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

export async function readChanges(
  db: Executor,
  changeLog: ChangeLog,
  options: ReadChangesOptions,
): Promise<ChangePage> {
  const { log, horizon } = changeLog;
  const first = pageSize(options.first ?? 100);
  const since = parseChangeCursor(options.since);
  const within = territory(changeLog, options);
  if (!within) return { changes: [], cursor: changeCursor(since), hasMore: false };
  const fromStart = since.txid === START.txid && since.seq === START.seq;
  // One statement: whether the cursor lies below the pruned horizon, and the page (left-joined, so the flag
  // comes back with an empty page too).
  const rows = await db.execute<ChangeRow>(sql`
    select flag.expired, page.*
    from (
      select ${
        fromStart
          ? sql`false`
          : sql`exists (
        select 1 from ${horizon}
        where (${horizon.txid}, ${horizon.seq}) > (${since.txid}::xid8, ${since.seq}::bigint)
      )`
      } as expired
    ) flag
    left join lateral (
      select ${log.txid}::text as txid, ${log.seq} as seq, ${log.entity} as entity, ${log.kind} as kind,
        ${log.entityId} as id, ${log.organizationId} as "organizationId", ${log.municipalityId} as "municipalityId",
        ${log.personId} as "personId", ${log.classId} as "classId", ${log.reason} as reason
      from ${log}
      where ${log.entity} = ${options.entity}
        and (${log.txid}, ${log.seq}) > (${since.txid}::xid8, ${since.seq}::bigint)
        and ${log.txid} < pg_snapshot_xmin(pg_current_snapshot())
        and ${within}
      order by ${log.txid}, ${log.seq}
      limit ${first + 1}
    ) page on not flag.expired`);
  if (rows[0]?.expired) {
    throw conflict(
      'Курсор старше хранимой истории изменений: часть изменений уже удалена. Сделайте полную выгрузку и читайте ленту сначала (без since).',
      { field: 'since', reason: 'CURSOR_EXPIRED' },
    );
  }
  const found = rows.filter((row) => row.txid !== null);
  const page = found.slice(0, first);
  const last = page.at(-1);
  return {
    changes: page.map((row) => ({
      version: row.txid!,
      kind: row.kind as ChangeKind,
      entity: row.entity,
      id: row.id,
      organizationId: row.organizationId,
      municipalityId: row.municipalityId,
      personId: row.personId,
      classId: row.classId,
      reason: row.reason,
    })),
    cursor: changeCursor(last ? { txid: last.txid!, seq: Number(last.seq) } : since),
    hasMore: found.length > first,
  };
}

/**
 * The resolver of a subgraph's `<name>Changes(entity, since, first)`: the principal's territory is where it
 * holds `changes:read` (a municipal system: its municipality's organizations and the municipality's own rows;
 * the region: everything).
 */
export function changeFeedResolver<C extends { db: Executor; policy: PolicyBase }>(changeLog: ChangeLog) {
  const scope: Scope = 'changes:read';
  return (_: unknown, args: { entity: string; since?: string | null; first?: number | null }, ctx: C) => {
    if (!ctx.policy.holds(scope)) throw forbidden('Лента изменений доступна внешним системам и оператору региона.');
    return readChanges(ctx.db, changeLog, {
      ...args,
      organizations: ctx.policy.organizationsWith(scope),
      municipalities: ctx.policy.municipalitiesWith(scope),
    });
  };
}

/**
 * Deletes the log's rows written before `before` (only of transactions no reader can still be waiting for),
 * in batches, and moves the horizon to the newest position deleted in the same statement, so a reader never
 * sees a gap without being told. Idempotent; two runs at once delete each row once.
 */
export async function pruneChanges(
  db: Executor,
  { log, horizon }: ChangeLog,
  before: Date,
  batch = 50_000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [result] = await db.execute<{ deleted: number }>(sql`
      with gone as (
        delete from ${log}
        where ${log.seq} in (
          select ${log.seq} from ${log}
          where ${log.changedAt} < ${before.toISOString()}::timestamptz
            and ${log.txid} < pg_snapshot_xmin(pg_current_snapshot())
          limit ${batch}
        )
        returning ${log.txid} as txid, ${log.seq} as seq
      ),
      newest as (select txid, seq from gone order by txid desc, seq desc limit 1),
      moved as (
        insert into ${horizon} (id, txid, seq)
        select 1, txid, seq from newest
        on conflict (id) do update set txid = excluded.txid, seq = excluded.seq, pruned_at = now()
          where (${horizon.txid}, ${horizon.seq}) < (excluded.txid, excluded.seq)
      )
      select count(*)::int as deleted from gone`);
    total += result?.deleted ?? 0;
    if ((result?.deleted ?? 0) < batch) return total;
  }
}
