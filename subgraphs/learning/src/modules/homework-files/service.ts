/**
 * Homework files (issue 15 §2): who may attach, hand in, download and delete, the limits, and the landing of
 * an upload in one transaction. Access is decided when a URL is issued — by the GraphQL mutation or field,
 * with the principal's row scope — and the signed URL carries that decision for a few minutes.
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
import type { Database } from '@region/db';
import type { Readable } from 'node:stream';
import type { HomeworkFileSettings } from '../../files.ts';
import type { LearningPolicy } from '../../policy.ts';
import { lessonForWrite } from '../journal/lesson-access.ts';
import { actorOf } from '../journal/service.ts';
import {
  countFiles,
  deleteFileRow,
  fileById,
  insertFile,
  isLearnerOfLesson,
  lockLesson,
  markSubmitted,
  type HomeworkFileRow,
} from './repository.ts';
import type { LessonRow } from '../journal/lesson-access.ts';

export type Purpose = HomeworkFileRow['kind'];

/** How long an issued URL works: long enough to send 10 MiB on a slow line, short enough not to be passed on. */
export const UPLOAD_TTL_SECONDS = 10 * 60;
export const DOWNLOAD_TTL_SECONDS = 5 * 60;
/** Files per lesson's assignment, and per learner's work on it. */
export const MAX_FILES = 10;

export interface UploadRequest {
  lessonId: string;
  purpose: Purpose;
  fileName: string;
  size: number;
}

function asBadInput(error: unknown, field: string): never {
  if (error instanceof FileRejected) throw badInput(error.message, field);
  throw error;
}

/** Only the learner herself hands in work: a guardian or a teacher may read it, not submit it for her. */
function isLearnerPrincipal(policy: LearningPolicy): boolean {
  return policy.grantsWith('journal:read').some((grant) => grant.territory.kind === 'SELF');
}

/**
 * Checks who asks and what, and issues a signed upload URL. The lesson must be readable (else `NOT_FOUND`, as
 * any lookup outside scope) and carry homework; its writers attach the assignment's files; a learner of its
 * class hands in work.
 */
export async function requestUpload(
  db: Database,
  policy: LearningPolicy,
  files: HomeworkFileSettings,
  lesson: LessonRow | null,
  input: UploadRequest,
  now: Date,
  today: string,
) {
  const actor = actorOf(policy);
  let name: string;
  try {
    name = checkFileName(input.fileName).name;
    checkFileSize(input.size, files.maxBytes);
  } catch (error) {
    asBadInput(error, error instanceof FileRejected && error.reason === 'TOO_LARGE' ? 'size' : 'fileName');
  }
  if (!lesson) throw notFound('Урок');
  if (!lesson.homework) throw badInput('У урока нет домашнего задания: сначала сохраните его текст.', 'lessonId');
  if (input.purpose === 'ASSIGNMENT') {
    // The journal's writers: the lesson's teacher, a substitute, the school's admin (lesson-access.ts).
    await db.transaction((tx) => lessonForWrite(tx, policy, lesson.id, today, { marksOrAttendance: false }));
  } else {
    if (!isLearnerPrincipal(policy) || !(await isLearnerOfLesson(db, lesson, actor)))
      throw forbidden('Сдать работу может только обучающийся этого класса.');
  }
  const target = { schoolYear: lesson.schoolYear, lessonId: lesson.id, kind: input.purpose };
  const ticket: UploadTicket = { purpose: 'upload', personId: actor, target, fileName: name, size: input.size };
  const { token, expiresAt } = await files.tickets.sign(ticket, UPLOAD_TTL_SECONDS, now);
  return { url: `/files/upload/${token}`, expiresAt, maxBytes: files.maxBytes };
}

/**
 * An upload lands: the bytes go to the store (limits and type checked on the bytes themselves), the scanner
 * sees them, and one transaction records the file (and, for handed-in work, the submission). Whatever is
 * refused or fails leaves no bytes in the store.
 */
export async function landUpload(
  db: Database,
  files: HomeworkFileSettings,
  ticket: UploadTicket,
  body: Readable,
  now: Date,
) {
  const schoolYear = Number(ticket.target['schoolYear']);
  const lessonId = String(ticket.target['lessonId']);
  const kind = ticket.target['kind'] === 'SUBMISSION' ? 'SUBMISSION' : 'ASSIGNMENT';
  const key = newFileKey('homework');
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
    return await db.transaction(async (tx) => {
      const lesson = await lockLesson(tx, schoolYear, lessonId);
      if (!lesson) throw notFound('Урок');
      if (!lesson.homework) throw badInput('У урока больше нет домашнего задания.', 'lessonId');
      const studentId = kind === 'SUBMISSION' ? ticket.personId : null;
      if ((await countFiles(tx, { schoolYear, lessonId, kind, studentId })) >= MAX_FILES)
        throw badInput(`К заданию можно приложить не больше ${MAX_FILES} файлов.`, 'file');
      const row = await insertFile(tx, {
        schoolYear,
        lessonId,
        organizationId: lesson.organizationId,
        classId: lesson.classId,
        kind,
        studentId,
        storageKey: key,
        fileName: ticket.fileName,
        size: received.size,
        contentType: received.contentType,
        sha256: received.sha256,
        scanStatus: verdict.status,
        scanSignature: null,
        uploadedBy: ticket.personId,
        createdAt: now,
        scannedAt: verdict.status === 'CLEAN' ? now : null,
      });
      if (studentId) await markSubmitted(tx, { schoolYear, lessonId, studentId }, now);
      return row;
    });
  } catch (error) {
    await files.storage.delete(key);
    throw error;
  }
}

function failMissing(key: string): never {
  throw new Error(`stored file vanished before its scan: ${key}`);
}

/** A downloadable file's row, or the refusal the route answers. */
export async function fileForDownload(db: Database, fileId: string): Promise<HomeworkFileRow> {
  const file = await fileById(db, fileId);
  if (!file) throw notFound('Файл');
  if (file.scanStatus !== 'CLEAN')
    throw new AppError('CONFLICT', 'Файл ещё не прошёл антивирусную проверку или заражён: скачать его нельзя.');
  return file;
}

/**
 * Deletes a file: the assignment's by the lesson's writers, handed-in work by the learner who handed it in.
 * Anyone else, or a file outside the principal's scope, is `NOT_FOUND`. The bytes go after the commit.
 */
export async function deleteFile(
  db: Database,
  policy: LearningPolicy,
  files: HomeworkFileSettings,
  visible: HomeworkFileRow | null,
  today: string,
) {
  const actor = actorOf(policy);
  if (!visible) throw notFound('Файл');
  const removed = await db.transaction(async (tx) => {
    if (visible.kind === 'ASSIGNMENT') {
      await lessonForWrite(tx, policy, visible.lessonId, today, { marksOrAttendance: false });
    } else if (visible.studentId !== actor || !isLearnerPrincipal(policy)) {
      throw forbidden('Удалить сданную работу может только обучающийся, который её сдал.');
    }
    return deleteFileRow(tx, visible.id);
  });
  if (!removed) throw notFound('Файл');
  await files.storage.delete(removed.storageKey);
  return removed.id;
}
