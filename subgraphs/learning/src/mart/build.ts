/**
 * Cutting batches (issue 14 §3): a page of learning's change log per entity, followed with the mart's own
 * cursor, becomes one batch per organization — in the transaction that moves the cursor, so a batch is cut
 * once and a crash between cutting and delivery loses nothing. The rows are read as they are now (a record
 * is the entity's current state; a row gone or a mark deleted is a deletion). The people feed's tombstones
 * (consent withdrawn, merged, deleted) become learner deletions in every organization the learner was in.
 */
import { learningTables, type Database, type Executor } from '@region/db';
import { readChanges, type Change, type ChangePage } from '@region/kit';
import {
  batchId,
  deletion,
  learnerDeletion,
  pseudonym,
  RECORD_TYPE,
  type MartEntity,
  type MartRecord,
} from './records.ts';
import {
  absenceRows,
  classRows,
  eventRows,
  forget,
  insertBatches,
  lessonRows,
  lockCursor,
  markRows,
  membershipRows,
  organizationsOfLearners,
  readCursor,
  remember,
  saveCursor,
  studyPeriodRows,
  withdrawnAmong,
  type NewBatch,
} from './repository.ts';

export interface BuildOptions {
  pseudonymKey: string;
  /** The organizations whose data the mart sends (`'ALL'`: every one of the region). */
  organizations: 'ALL' | readonly string[];
  /** Changes read per entity and transaction (≤ 200, the change feed's page). */
  pageSize: number;
  now: Date;
}

/** The rows behind a page's upserts, as records; a learner the mart has forgotten is left out. */
async function recordsOf(
  db: Executor,
  entity: MartEntity,
  ids: string[],
  key: string,
): Promise<Map<string, { record: MartRecord; personId: string | null }>> {
  const found = new Map<string, { record: MartRecord; personId: string | null }>();
  const put = (id: string, data: Record<string, unknown>, personId: string | null = null) =>
    found.set(id, { record: { type: RECORD_TYPE[entity], op: 'UPSERT', id, data }, personId });
  if (ids.length === 0) return found;
  switch (entity) {
    case 'CLASS':
      for (const { id, ...data } of await classRows(db, ids)) put(id, data);
      break;
    case 'CLASS_MEMBERSHIP':
      for (const { id, personId, ...data } of await membershipRows(db, ids))
        put(id, { ...data, learnerId: pseudonym(key, personId) }, personId);
      break;
    case 'STUDY_PERIOD':
      for (const { id, ...data } of await studyPeriodRows(db, ids)) put(id, data);
      break;
    case 'LESSON':
      for (const { id, teacherId, ...data } of await lessonRows(db, ids))
        put(id, { ...data, teacherId: pseudonym(key, teacherId) });
      break;
    case 'MARK':
      for (const { id, studentId, deletedAt, ...data } of await markRows(db, ids)) {
        // A deleted mark stays in learning for its history; for the receiver it is gone.
        if (deletedAt) found.set(id, { record: deletion(entity, id), personId: studentId });
        else put(id, { ...data, learnerId: pseudonym(key, studentId) }, studentId);
      }
      break;
    case 'ATTENDANCE':
      for (const { id, studentId, ...data } of await absenceRows(db, ids))
        put(id, { ...data, learnerId: pseudonym(key, studentId) }, studentId);
      break;
    case 'EVENT':
      for (const { id, startsAt, endsAt, ...data } of await eventRows(db, ids))
        put(id, { ...data, startsAt: startsAt.toISOString(), endsAt: endsAt?.toISOString() ?? null });
      break;
  }
  return found;
}

/** Cuts one page of one entity; answers whether more is waiting. */
export async function buildEntityPage(db: Database, entity: MartEntity, options: BuildOptions): Promise<boolean> {
  const feed = `learning:${entity}`;
  return db.transaction(async (tx) => {
    const since = await lockCursor(tx, feed);
    const page = await readChanges(
      tx,
      { log: learningTables.changes, horizon: learningTables.changesHorizon },
      {
        entity,
        since,
        first: options.pageSize,
        organizations: options.organizations,
      },
    );
    if (page.changes.length === 0) return false;
    // The last change of an entity in the range decides (a row set then deleted travels as a deletion).
    const latest = new Map<string, Change>();
    for (const change of page.changes) if (change.organizationId) latest.set(change.id, change);
    const upserts = [...latest.values()].filter((change) => change.kind === 'UPSERT').map((change) => change.id);
    const rows = await recordsOf(tx, entity, upserts, options.pseudonymKey);
    const persons = [...rows.values()].flatMap((row) => (row.personId ? [row.personId] : []));
    const withdrawn = await withdrawnAmong(tx, persons);

    const byOrganization = new Map<string, MartRecord[]>();
    for (const change of latest.values()) {
      const row = rows.get(change.id);
      if (row?.personId && withdrawn.has(row.personId)) continue;
      const record = change.kind === 'UPSERT' && row ? row.record : deletion(entity, change.id);
      const list = byOrganization.get(change.organizationId!) ?? [];
      list.push(record);
      byOrganization.set(change.organizationId!, list);
    }
    const from = since ?? 'v1.0.0';
    const batches: NewBatch[] = [...byOrganization].map(([organizationId, records]) => ({
      id: batchId(organizationId, entity, from, page.cursor),
      organizationId,
      fromCursor: from,
      toCursor: page.cursor,
      records,
    }));
    await insertBatches(tx, batches, options.now);
    await saveCursor(tx, feed, page.cursor);
    return page.hasMore;
  });
}

/** Reads a page of people's `PERSON` changes after `since` (through the gateway, as the mart's service account). */
export type PeopleChanges = (since: string | null) => Promise<ChangePage>;

/**
 * Follows people's feed for tombstones: a learner whose consent was withdrawn (rule 5), merged or deleted is
 * sent as a deletion to every organization they were a class member of, and forgotten by the mart until a
 * consent is granted again. The page is read outside the transaction (over HTTP); the cursor moves only if
 * no other worker moved it meanwhile.
 */
export async function buildConsentPage(db: Database, read: PeopleChanges, options: BuildOptions): Promise<boolean> {
  const feed = 'people:PERSON';
  const since = await readCursor(db, feed);
  const page = await read(since);
  if (page.changes.length === 0) return false;
  const tombstones = new Set<string>();
  const granted = new Set<string>();
  for (const change of page.changes) {
    const person = change.personId ?? change.id;
    if (change.kind === 'DELETE') {
      tombstones.add(person);
      granted.delete(person);
    } else if (change.reason === 'CONSENT_GRANTED') {
      granted.add(person);
      tombstones.delete(person);
    }
  }
  return db.transaction(async (tx) => {
    if ((await lockCursor(tx, feed)) !== since) return true;
    const wanted = (organizationId: string) =>
      options.organizations === 'ALL' || options.organizations.includes(organizationId);
    const byOrganization = new Map<string, MartRecord[]>();
    for (const { personId, organizationId } of await organizationsOfLearners(tx, [...tombstones])) {
      if (!wanted(organizationId)) continue;
      const list = byOrganization.get(organizationId) ?? [];
      list.push(learnerDeletion(options.pseudonymKey, personId));
      byOrganization.set(organizationId, list);
    }
    await forget(tx, [...tombstones]);
    await remember(tx, [...granted]);
    const from = since ?? 'v1.0.0';
    await insertBatches(
      tx,
      [...byOrganization].map(([organizationId, records]) => ({
        id: batchId(organizationId, 'PERSON', from, page.cursor),
        organizationId,
        fromCursor: from,
        toCursor: page.cursor,
        records,
      })),
      options.now,
    );
    await saveCursor(tx, feed, page.cursor);
    return page.hasMore;
  });
}
