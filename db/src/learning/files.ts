/**
 * Homework files (issue 15 §2): the teacher's attachments to a lesson's homework and the files a learner hands
 * in. The bytes live in a file store (`FileStorage` in the kit: the local disk in development, an
 * S3-compatible bucket in production) under `storage_key`; this table holds what the platform knows about them.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { learning, id, createdAt, schoolYear } from './common.ts';

export const homeworkFileKind = learning.enum('homework_file_kind', ['ASSIGNMENT', 'SUBMISSION']);
/** PENDING: a scanner that answers later has not answered yet; only CLEAN files are downloaded. */
export const fileScanStatus = learning.enum('file_scan_status', ['PENDING', 'CLEAN', 'INFECTED']);

export const homeworkFiles = learning.table(
  'homework_files',
  {
    id: id(),
    schoolYear: schoolYear(),
    lessonId: uuid('lesson_id').notNull(),
    /** The lesson's class and organization, so row scope needs no join to the partitioned lessons. */
    organizationId: uuid('organization_id').notNull(),
    classId: uuid('class_id').notNull(),
    kind: homeworkFileKind('kind').notNull(),
    /** The learner who handed the file in; null for the teacher's attachment. */
    studentId: uuid('student_id'),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    scanStatus: fileScanStatus('scan_status').notNull(),
    scanSignature: text('scan_signature'),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: createdAt(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('homework_files_storage_key').on(t.storageKey),
    index('homework_files_lesson_idx').on(t.schoolYear, t.lessonId, t.kind),
    index('homework_files_student_idx').on(t.studentId),
    check('homework_files_student_of_submission', sql`(${t.kind} = 'SUBMISSION') = (${t.studentId} is not null)`),
    check('homework_files_size', sql`${t.size} > 0`),
  ],
);
