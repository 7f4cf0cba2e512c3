/**
 * The `learning` PostgreSQL schema, its enums and the column helpers its tables share.
 */
import { sql } from 'drizzle-orm';
import { pgSchema, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';

export const learning = pgSchema('learning');

export const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** The calendar year the school year starts in: 2026 for 2026/27. */
export const schoolYear = () => smallint('school_year').notNull();

export const schoolYearStatus = learning.enum('school_year_status', ['DRAFT', 'OPEN', 'CLOSED']);
export const periodKind = learning.enum('period_kind', ['QUARTER', 'TRIMESTER', 'HALF_YEAR']);
export const classKind = learning.enum('class_kind', [
  'SCHOOL_CLASS',
  'KINDERGARTEN_GROUP',
  'COLLEGE_GROUP',
  'EXTRA_ASSOCIATION',
]);
export const markKind = learning.enum('mark_kind', ['CURRENT', 'CONTROL', 'PERIOD', 'YEAR', 'FINAL']);
/** NA is «н/а» (не аттестован): a period, year or final mark only, never a lesson's (issue 15 §2). */
export const markValue = learning.enum('mark_value', ['2', '3', '4', '5', 'PASS', 'FAIL', 'NA']);
export const attendanceStatus = learning.enum('attendance_status', ['ABSENT', 'SICK', 'EXCUSED', 'LATE']);
export const eventKind = learning.enum('event_kind', [
  'PARENT_MEETING',
  'CONTROL_WORK',
  'EXCURSION',
  'CELEBRATION',
  'COMPETITION',
  'OTHER',
]);
export const historyAction = learning.enum('history_action', ['SET', 'CORRECT', 'DELETE']);
