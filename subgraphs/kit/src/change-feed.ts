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
 */
import type { ChangeLogTable } from '@region/db/change-log';
import type { Executor } from '@region/db';
import type { Scope } from '@region/schema';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { badInput, forbidden } from './errors.ts';
import { pageSize } from './connection.ts';
import type { PolicyBase } from './policy.ts';

export type ChangeKind = 'UPSERT' | 'DELETE';

export interface Change {
  version: string;
  kind: ChangeKind;
  entity: string;
  id: string;
  organizationId: string | null;
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
}

export async function readChanges(
  db: Executor,
  table: ChangeLogTable,
  options: ReadChangesOptions,
): Promise<ChangePage> {
  const first = pageSize(options.first ?? 100);
  const since = parseChangeCursor(options.since);
  const { organizations } = options;
  if (organizations !== 'ALL' && organizations.length === 0) {
    return { changes: [], cursor: changeCursor(since), hasMore: false };
  }
  const rows = await db
    .select({
      txid: sql<string>`${table.txid}::text`,
      seq: table.seq,
      entity: table.entity,
      kind: table.kind,
      id: table.entityId,
      organizationId: table.organizationId,
      personId: table.personId,
      classId: table.classId,
      reason: table.reason,
    })
    .from(table)
    .where(
      and(
        eq(table.entity, options.entity),
        sql`(${table.txid}, ${table.seq}) > (${since.txid}::xid8, ${since.seq}::bigint)`,
        sql`${table.txid} < pg_snapshot_xmin(pg_current_snapshot())`,
        organizations === 'ALL' ? undefined : inArray(table.organizationId, [...organizations]),
      ),
    )
    .orderBy(asc(table.txid), asc(table.seq))
    .limit(first + 1);
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    changes: page.map(({ txid, seq: _seq, ...row }) => ({ ...row, version: txid, kind: row.kind as ChangeKind })),
    cursor: changeCursor(last ? { txid: last.txid, seq: last.seq } : since),
    hasMore: rows.length > first,
  };
}

/**
 * The resolver of a subgraph's `<name>Changes(entity, since, first)`: the principal's territory is where it
 * holds `changes:read` (a municipal system: its municipality's organizations; the region: everything).
 */
export function changeFeedResolver<C extends { db: Executor; policy: PolicyBase }>(table: ChangeLogTable) {
  const scope: Scope = 'changes:read';
  return (_: unknown, args: { entity: string; since?: string | null; first?: number | null }, ctx: C) => {
    if (!ctx.policy.holds(scope)) throw forbidden('Лента изменений доступна внешним системам и оператору региона.');
    return readChanges(ctx.db, table, { ...args, organizations: ctx.policy.organizationsWith(scope) });
  };
}
