/**
 * Message attachments (issue 15 §1), built like homework files (learning's homework-files module) on the kit's
 * file store, checks, scanner and signed tickets. The flow: the writer asks for an upload URL, PUTs the bytes
 * (they land as a file of hers not attached to anything), then sends the message with the files' ids; the send
 * attaches them in its own transaction. Reading follows the message: only the thread's participants resolve
 * `Message.files`, and only then is a download URL signed, for that reader, for a few minutes.
 */
import {
  AppError,
  badInput,
  checkFileName,
  checkFileSize,
  FileRejected,
  forbidden,
  newFileKey,
  notFound,
  receiveFile,
  type UploadTicket,
} from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { Readable } from 'node:stream';
import type { MessageFileSettings } from '../../files.ts';
import type { PeoplePolicy } from '../../policy.ts';
import {
  attachedFileById,
  attachToMessage,
  insertUploadedFile,
  unattachedFilesForUpdate,
  copyFilesToMessages,
  type MessageFileRow,
} from './repository.ts';

/** How long an issued URL works: as for homework files. */
export const UPLOAD_TTL_SECONDS = 10 * 60;
export const DOWNLOAD_TTL_SECONDS = 5 * 60;
/** Files per message. */
export const MAX_FILES = 10;

/** The people subgraph's file routes live under this prefix; the gateway sends it here, the rest to learning. */
export const FILES_PREFIX = '/files/people';

function asBadInput(error: unknown, field: string): never {
  if (error instanceof FileRejected) throw badInput(error.message, field);
  throw error;
}

/** Anyone who may write messages may upload a file to attach; the recipients are checked when it is sent. */
export async function requestUpload(
  policy: PeoplePolicy,
  files: MessageFileSettings,
  input: { fileName: string; size: number },
  now: Date,
) {
  const me = policy.personId;
  if (!me || !policy.holds('messages:write'))
    throw forbidden('Переписка доступна только участникам образовательного процесса.');
  let name: string;
  try {
    name = checkFileName(input.fileName).name;
    checkFileSize(input.size, files.maxBytes);
  } catch (error) {
    asBadInput(error, error instanceof FileRejected && error.reason === 'TOO_LARGE' ? 'size' : 'fileName');
  }
  const ticket: UploadTicket = {
    purpose: 'upload',
    personId: me,
    target: { kind: 'MESSAGE' },
    fileName: name,
    size: input.size,
  };
  const { token, expiresAt } = await files.tickets.sign(ticket, UPLOAD_TTL_SECONDS, now);
  return { url: `${FILES_PREFIX}/upload/${token}`, expiresAt, maxBytes: files.maxBytes };
}

/**
 * An upload lands: bytes to the store (limits and type checked on the bytes), the scanner, then the row (not
 * yet attached). Whatever is refused or fails leaves no bytes in the store.
 */
export async function landUpload(
  db: Database,
  files: MessageFileSettings,
  ticket: UploadTicket,
  body: Readable,
  now: Date,
): Promise<MessageFileRow> {
  if (ticket.target['kind'] !== 'MESSAGE') throw forbidden('Ссылка недействительна.');
  const key = newFileKey('messages');
  const received = await receiveFile({
    storage: files.storage,
    key,
    body,
    fileName: ticket.fileName,
    maxBytes: files.maxBytes,
    expectedBytes: ticket.size,
  }).catch((error: unknown) => asBadInput(error, 'file'));
  try {
    const verdict = await files.scanner.scan({
      key,
      open: async () => (await files.storage.get(key)) ?? failMissing(key),
    });
    if (verdict.status === 'INFECTED') throw badInput('Файл не прошёл антивирусную проверку и не сохранён.', 'file');
    return await insertUploadedFile(db, {
      uploadedBy: ticket.personId,
      storageKey: key,
      fileName: ticket.fileName,
      size: received.size,
      contentType: received.contentType,
      sha256: received.sha256,
      scanStatus: verdict.status,
      createdAt: now,
    });
  } catch (error) {
    await files.storage.delete(key);
    throw error;
  }
}

function failMissing(key: string): never {
  throw new Error(`stored file vanished before its scan: ${key}`);
}

/**
 * Attaches the writer's uploaded files to the messages just written, inside the send's transaction: each id
 * must be a file she uploaded and has not attached yet (else `BAD_USER_INPUT` on `fileIds`, and nothing of the
 * send is written). A message to several recipients is a message per thread: the first gets the rows, every
 * other one a copy of them over the same stored bytes.
 */
export async function attachFiles(
  tx: Executor,
  authorId: string,
  fileIds: readonly string[] | null | undefined,
  messageIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(fileIds ?? [])];
  if (ids.length === 0 || messageIds.length === 0) return;
  if (ids.length > MAX_FILES) throw badInput(`К сообщению можно приложить не больше ${MAX_FILES} файлов.`, 'fileIds');
  const rows = await unattachedFilesForUpdate(tx, ids, authorId);
  if (rows.length !== ids.length) throw badInput('Файл не найден или уже отправлен: загрузите его заново.', 'fileIds');
  const [first, ...others] = messageIds;
  await attachToMessage(
    tx,
    rows.map((row) => row.id),
    first!,
  );
  if (others.length === 0) return;
  await copyFilesToMessages(tx, rows, others);
}

/** A downloadable file's row, or the refusal the route answers. */
export async function fileForDownload(db: Database, fileId: string): Promise<MessageFileRow> {
  const file = await attachedFileById(db, fileId);
  if (!file) throw notFound('Файл');
  if (file.scanStatus !== 'CLEAN')
    throw new AppError('CONFLICT', 'Файл ещё не прошёл антивирусную проверку или заражён: скачать его нельзя.');
  return file;
}
