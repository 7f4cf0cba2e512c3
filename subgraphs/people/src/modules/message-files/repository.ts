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
export async function attachedFileById(db: Executor, id: string): Promise<MessageFileRow | null> {
  const [row] = await db
    .select()
    .from(messageFiles)
    .where(and(eq(messageFiles.id, id), sql`${messageFiles.messageId} is not null`));
  return row ?? null;
}
