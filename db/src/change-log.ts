/**
 * The change feed's log (issue 14 §2), one table per subgraph schema: a row per changed entity, written by
 * triggers in the transaction of the change (`db/migrations/*_change_feed_triggers.sql`). The version is the
 * writing transaction's id (`pg_current_xact_id()`, `xid8`); a reader passes only rows of transactions older
 * than every one still running (`pg_snapshot_xmin(pg_current_snapshot())`), so a transaction that commits late
 * can never land behind a cursor already handed out. Keys only, never values: the log holds no personal data.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, smallint, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id; read as text (it does not fit a JavaScript number's exact range in theory). */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export function changeLogTable<S extends string>(schema: PgSchema<S>) {
  return schema.table(
    'changes',
    {
      /** Order of the changes within one transaction. */
      seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      /** The writing transaction: the change's version. */
      txid: xid8('txid')
        .notNull()
        .default(sql`pg_current_xact_id()`),
      /** `PERSON`, `ORGANIZATION`, `ENROLMENT`, `CLASS`, `CLASS_MEMBERSHIP`, `MARK`, `ATTENDANCE`. */
      entity: text('entity').notNull(),
      /** `UPSERT` or `DELETE` (a deletion, a merge, a withdrawn consent: a tombstone). */
      kind: text('kind').notNull(),
      entityId: uuid('entity_id').notNull(),
      /** The territory the row belongs to; null (and no municipality) reaches region-wide readers only. */
      organizationId: uuid('organization_id'),
      /**
       * A row that belongs to a municipality rather than to one organization (an extra-education certificate,
       * rule 19): it reaches the municipality's readers and the region's.
       */
      municipalityId: uuid('municipality_id'),
      personId: uuid('person_id'),
      classId: uuid('class_id'),
      /** Why a tombstone was written when it is not a deletion: `CONSENT_WITHDRAWN`, `MERGED`. */
      reason: text('reason'),
      changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index(`changes_entity_version_idx`).on(t.entity, t.txid, t.seq)],
  );
}

export type ChangeLogTable = ReturnType<typeof changeLogTable>;

/**
 * How far the log has been pruned (`pruneChanges` in the kit): the newest position deleted. A reader whose
 * cursor lies below it has missed changes and must start again; one row at most.
 */
export function changeHorizonTable<S extends string>(schema: PgSchema<S>) {
  return schema.table(
    'changes_horizon',
    {
      id: smallint('id').primaryKey().default(1),
      txid: xid8('txid').notNull(),
      seq: bigint('seq', { mode: 'number' }).notNull(),
      prunedAt: timestamp('pruned_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [check('changes_horizon_single_row', sql`${t.id} = 1`)],
  );
}

export type ChangeHorizonTable = ReturnType<typeof changeHorizonTable>;
