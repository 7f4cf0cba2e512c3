/**
 * The journal: lessons with topics and homework, substitutions, marks with their history, attendance,
 * events and homework submissions. Lessons, marks and attendance are partitioned by school year.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  jsonb,
  numeric,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  learning,
  id,
  createdAt,
  schoolYear,
  markKind,
  markValue,
  attendanceStatus,
  eventKind,
  historyAction,
} from './common.ts';

/** A lesson as given: its date, topic and homework. Partitioned by school year. */
export const lessons = learning.table(
  'lessons',
  {
    id: uuid('id')
      .notNull()
      .default(sql`uuidv7()`),
    schoolYear: schoolYear(),
    organizationId: uuid('organization_id').notNull(),
    classId: uuid('class_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The teacher of the assignment; a substitution names who actually taught. */
    teacherId: uuid('teacher_id').notNull(),
    subgroup: smallint('subgroup'),
    date: date('date').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    topic: text('topic'),
    homework: text('homework'),
    homeworkDueOn: date('homework_due_on'),
    /** Mandatory homework counts as overdue when not handed in (rule 11). */
    homeworkMandatory: boolean('homework_mandatory').notNull().default(false),
    /** [{ name, url }] */
    homeworkAttachments: jsonb('homework_attachments').$type<{ name: string; url: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolYear, t.id] }),
    index('lessons_class_subject_date_idx').on(t.schoolYear, t.classId, t.subjectId, t.date),
    index('lessons_class_date_idx').on(t.schoolYear, t.classId, t.date),
    index('lessons_teacher_date_idx').on(t.schoolYear, t.teacherId, t.date),
    // Analytics' facts recompute one organization from a month on (issue 12, facts/refresh.ts).
    index('lessons_organization_date_idx').on(t.organizationId, t.date),
    // … and the lessons added since (fact_changes).
    index('lessons_created_at_idx').on(t.createdAt),
  ],
);

/** Замены: who taught a lesson instead of its teacher, and why. */
export const substitutions = learning.table(
  'substitutions',
  {
    id: id(),
    schoolYear: schoolYear(),
    lessonId: uuid('lesson_id').notNull(),
    originalTeacherId: uuid('original_teacher_id').notNull(),
    substituteTeacherId: uuid('substitute_teacher_id').notNull(),
    date: date('date').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('substitutions_lesson_key').on(t.schoolYear, t.lessonId),
    index('substitutions_substitute_idx').on(t.substituteTeacherId, t.date),
  ],
);

/**
 * A mark (rule 10): 2–5 or pass/fail, its kind, weight, "debt" flag and comment, who set it and when.
 * Current and control marks belong to a lesson; period, year and final marks to a period or the year.
 * Partitioned by school year; deleted marks stay (with `deleted_at`) for the history.
 */
export const marks = learning.table(
  'marks',
  {
    id: uuid('id')
      .notNull()
      .default(sql`uuidv7()`),
    schoolYear: schoolYear(),
    organizationId: uuid('organization_id').notNull(),
    classId: uuid('class_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    studentId: uuid('student_id').notNull(),
    lessonId: uuid('lesson_id'),
    periodId: uuid('period_id'),
    /** The lesson's date, or the last day of the period for period/year/final marks. */
    date: date('date').notNull(),
    kind: markKind('kind').notNull(),
    value: markValue('value').notNull(),
    weight: numeric('weight', { precision: 3, scale: 1, mode: 'number' }).notNull().default(1),
    /** Долг: work not handed in. */
    debt: boolean('debt').notNull().default(false),
    comment: text('comment'),
    setBy: uuid('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolYear, t.id] }),
    // One live mark of a kind per student and lesson (a bulk save replaces it, and history keeps the old one).
    uniqueIndex('marks_lesson_student_kind_key')
      .on(t.schoolYear, t.lessonId, t.studentId, t.kind)
      .where(sql`${t.deletedAt} is null and ${t.lessonId} is not null`),
    uniqueIndex('marks_period_student_kind_key')
      .on(t.schoolYear, t.periodId, t.subjectId, t.studentId, t.kind)
      .where(sql`${t.deletedAt} is null and ${t.lessonId} is null`),
    // One live year and one final mark per student and subject in a school year (no lesson, no period).
    uniqueIndex('marks_year_student_kind_key')
      .on(t.schoolYear, t.subjectId, t.studentId, t.kind)
      .where(sql`${t.deletedAt} is null and ${t.lessonId} is null and ${t.periodId} is null`),
    index('marks_class_subject_date_idx').on(t.schoolYear, t.classId, t.subjectId, t.date),
    index('marks_student_date_idx').on(t.schoolYear, t.studentId, t.date),
    // Analytics' incremental facts read the marks changed since their last run (issue 13).
    index('marks_updated_at_idx').on(t.updatedAt),
    // Analytics' facts recompute one organization from a month on (issue 12, facts/refresh.ts).
    index('marks_organization_date_idx').on(t.organizationId, t.date),
  ],
);

/** Every set, correction and deletion of a mark (rules 6 and 10). */
export const markHistory = learning.table(
  'mark_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    schoolYear: schoolYear(),
    markId: uuid('mark_id').notNull(),
    studentId: uuid('student_id').notNull(),
    action: historyAction('action').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedBy: uuid('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mark_history_mark_idx').on(t.schoolYear, t.markId, t.changedAt)],
);

/** Attendance per lesson (rule 11); presence is the absence of a row. Partitioned by school year. */
export const attendance = learning.table(
  'attendance',
  {
    id: uuid('id')
      .notNull()
      .default(sql`uuidv7()`),
    schoolYear: schoolYear(),
    organizationId: uuid('organization_id').notNull(),
    classId: uuid('class_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    lessonId: uuid('lesson_id').notNull(),
    studentId: uuid('student_id').notNull(),
    date: date('date').notNull(),
    status: attendanceStatus('status').notNull(),
    setBy: uuid('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolYear, t.id] }),
    uniqueIndex('attendance_lesson_student_key').on(t.schoolYear, t.lessonId, t.studentId),
    index('attendance_class_date_idx').on(t.schoolYear, t.classId, t.date),
    index('attendance_student_date_idx').on(t.schoolYear, t.studentId, t.date),
    // Analytics' facts read the attendance marks set since their last refresh (issue 12, fact_changes).
    index('attendance_set_at_idx').on(t.setAt),
  ],
);

/** События года: parent meetings, control works, excursions — for a whole school or one class. */
export const events = learning.table(
  'events',
  {
    id: id(),
    schoolYear: schoolYear(),
    organizationId: uuid('organization_id').notNull(),
    /** Null for an event of the whole organization. */
    classId: uuid('class_id'),
    kind: eventKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_organization_idx').on(t.organizationId, t.startsAt),
    index('events_class_idx').on(t.classId, t.startsAt),
  ],
);

/** A student marked mandatory homework as handed in; overdue work is what is due and not here (rule 11). */
export const homeworkSubmissions = learning.table(
  'homework_submissions',
  {
    id: id(),
    schoolYear: schoolYear(),
    lessonId: uuid('lesson_id').notNull(),
    studentId: uuid('student_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('homework_submissions_key').on(t.schoolYear, t.lessonId, t.studentId),
    index('homework_submissions_student_idx').on(t.studentId),
  ],
);
