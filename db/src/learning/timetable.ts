/**
 * The bell schedule and guardians' advance absence notices (issue 15 §2): what the timetable, the diary, the
 * class teacher's class page and the journal read next to the lessons.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { learning, id, createdAt, schoolYear } from './common.ts';

/**
 * Расписание звонков: the start and end of each lesson number in one shift of one organization. A class studies
 * in one shift (`classes.shift`); a lesson's times are its organization's bells for its class's shift and number.
 */
export const bells = learning.table(
  'bells',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    shift: smallint('shift').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bells_organization_shift_number_key').on(t.organizationId, t.shift, t.lessonNumber),
    check('bells_times', sql`${t.startsAt} < ${t.endsAt}`),
    check('bells_shift', sql`${t.shift} between 1 and 2`),
  ],
);

/**
 * A guardian tells the school in advance that the child will be absent on some days, with a reason. The class
 * teacher sees it on the class page; in the journal the absence on those days is excused by default.
 */
export const absenceNotices = learning.table(
  'absence_notices',
  {
    id: id(),
    schoolYear: schoolYear(),
    organizationId: uuid('organization_id').notNull(),
    classId: uuid('class_id').notNull(),
    studentId: uuid('student_id').notNull(),
    declaredBy: uuid('declared_by').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('absence_notices_student_idx').on(t.studentId, t.startsOn),
    index('absence_notices_class_idx').on(t.classId, t.startsOn),
    check('absence_notices_dates', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);
