/**
 * Message attachments' rows (issue 15 §1). Reads go through a message the principal already read, i.e. a thread
 * she takes part in (messages/repository.ts); an upload not yet attached is seen only by its uploader.
 */
import { communicationTables, type Executor } from '@region/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';

const { messageFiles } = communicationTables;

export type MessageFileRow = typeof messageFiles.$inferSelect;
export type NewMessageFile = typeof messageFiles.$inferInsert;

/** The files of messages (the caller read the messages under the participant check), oldest first. */
export function messageFilesOf(db: Executor, messageIds: readonly string[]): Promise<MessageFileRow[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(messageFiles)
    .where(inArray(messageFiles.messageId, [...messageIds]))
    .orderBy(asc(messageFiles.createdAt), asc(messageFiles.id));
}

export async function insertUploadedFile(tx: Executor, values: NewMessageFile): Promise<MessageFileRow> {
  const [row] = await tx.insert(messageFiles).values(values).returning();
  return row!;
}

/** The uploader's files not yet attached, among `ids`, locked so that two sends cannot attach one file twice. */
export function unattachedFilesForUpdate(tx: Executor, ids: readonly string[], uploadedBy: string) {
  return tx
    .select()
    .from(messageFiles)
    .where(
      and(inArray(messageFiles.id, [...ids]), eq(messageFiles.uploadedBy, uploadedBy), isNull(messageFiles.messageId)),
    )
    .orderBy(asc(messageFiles.createdAt), asc(messageFiles.id))
    .for('update');
}

export async function attachToMessage(tx: Executor, ids: readonly string[], messageId: string): Promise<void> {
  await tx
    .update(messageFiles)
    .set({ messageId })
    .where(inArray(messageFiles.id, [...ids]));
}

/** An attached file, for the download route (the signed ticket already carries the access decision). */
/** The other threads' copies of a message's files: the same stored bytes, one row per message. */
export async function copyFilesToMessages(
  tx: Executor,
  rows: readonly MessageFileRow[],
  messageIds: readonly string[],
): Promise<void> {
  await tx
    .insert(communicationTables.messageFiles)
    .values(
      messageIds.flatMap((messageId) => rows.map(({ id: _id, messageId: _old, ...row }) => ({ ...row, messageId }))),
    );
}

export async function attachedFileById(db: Executor, id: string): Promise<MessageFileRow | null> {
  const [row] = await db
    .select()
    .from(messageFiles)
    .where(and(eq(messageFiles.id, id), sql`${messageFiles.messageId} is not null`));
  return row ?? null;
}

/** An upload nobody attached is kept this long (a message being written), then purged with its bytes. */
export const UNATTACHED_RETENTION_HOURS = 24;

/**
 * Retention of attachments, in the purge's transaction, before the expired threads are deleted: deletes
 * uploads never attached within `UNATTACHED_RETENTION_HOURS`, and answers the storage keys of the files the
 * expired threads hold. The caller deletes the threads (their files cascade) and then `unreferencedKeys`.
 */
export async function purgeUnattachedAndCollectExpired(tx: Executor, now: Date, retentionDays: number) {
  const unattached = await tx.execute<{ key: string }>(sql`
    delete from people.message_files
    where message_id is null
      and created_at <= ${now.toISOString()}::timestamptz - make_interval(hours => ${UNATTACHED_RETENTION_HOURS})
    returning storage_key as key`);
  const expiring = await tx.execute<{ key: string }>(sql`
    select distinct f.storage_key as key
    from people.message_files f
      join people.messages m on m.id = f.message_id
      join people.message_threads t on t.id = m.thread_id
    where t.last_message_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${retentionDays})`);
  return [...new Set([...unattached, ...expiring].map((row) => row.key))];
}

/** Of `keys`, those no row refers to any more (a multi-recipient file's bytes go with its last copy). */
export async function unreferencedKeys(tx: Executor, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await tx.execute<{ key: string }>(sql`
    select distinct storage_key as key from people.message_files where storage_key in ${keys}`);
  const referenced = new Set(rows.map((row) => row.key));
  return keys.filter((key) => !referenced.has(key));
}
