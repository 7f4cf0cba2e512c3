/**
 * The `learning` schema: school years and periods, classes and their members, subjects, curriculum,
 * teaching assignments, the schedule and its substitutions, lessons, marks, attendance and events. Owned by
 * the learning subgraph; persons and organizations are referred to by id (no foreign keys across schemas).
 *
 * Lessons, marks and attendance are partitioned by school year (`school_year`, the calendar year the
 * school year starts in): the partitioning is added by hand to the generated migration, since drizzle-kit
 * does not describe it. Their primary keys therefore include `school_year`.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const learning = pgSchema('learning');

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** The calendar year the school year starts in: 2026 for 2026/27. */
const schoolYear = () => smallint('school_year').notNull();

export const schoolYearStatus = learning.enum('school_year_status', ['DRAFT', 'OPEN', 'CLOSED']);
export const periodKind = learning.enum('period_kind', ['QUARTER', 'TRIMESTER', 'HALF_YEAR']);
export const classKind = learning.enum('class_kind', [
  'SCHOOL_CLASS',
  'KINDERGARTEN_GROUP',
  'COLLEGE_GROUP',
  'EXTRA_ASSOCIATION',
]);
export const markKind = learning.enum('mark_kind', ['CURRENT', 'CONTROL', 'PERIOD', 'YEAR', 'FINAL']);
export const markValue = learning.enum('mark_value', ['2', '3', '4', '5', 'PASS', 'FAIL']);
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

/** A school year of one organization (DOMAIN.md rule 13: formed from 1 April, opened by 6 September). */
export const schoolYears = learning.table(
  'school_years',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    year: smallint('year').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    periodKind: periodKind('period_kind').notNull(),
    status: schoolYearStatus('status').notNull().default('DRAFT'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    openedBy: uuid('opened_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('school_years_organization_year_key').on(t.organizationId, t.year),
    check('school_years_dates', sql`${t.startsOn} < ${t.endsOn}`),
  ],
);

/** Quarters, trimesters or half-years; a closed period's marks need an org admin to change. */
export const studyPeriods = learning.table(
  'study_periods',
  {
    id: id(),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    organizationId: uuid('organization_id').notNull(),
    number: smallint('number').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
  },
  (t) => [
    uniqueIndex('study_periods_year_number_key').on(t.schoolYearId, t.number),
    index('study_periods_organization_idx').on(t.organizationId, t.startsOn),
    check('study_periods_dates', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/** Каникулы and other days without lessons. */
export const holidays = learning.table(
  'holidays',
  {
    id: id(),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [index('holidays_organization_idx').on(t.organizationId, t.startsOn)],
);

/** A school class «5А», a kindergarten group, a college group or an extra-education association. */
export const classes = learning.table(
  'classes',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    schoolYear: schoolYear(),
    kind: classKind('kind').notNull(),
    name: text('name').notNull(),
    /** Parallel (grade 1–11, college course); null for kindergarten groups. */
    grade: smallint('grade'),
    letter: text('letter'),
    classTeacherId: uuid('class_teacher_id'),
    /** The class this one continues from the previous year (promotion). */
    previousClassId: uuid('previous_class_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('classes_organization_year_name_key').on(t.organizationId, t.schoolYear, t.name),
    index('classes_class_teacher_idx').on(t.classTeacherId),
  ],
);

/** Membership over time, following the movement book: a member from `joined_on` until the day before `left_on`. */
export const classMembers = learning.table(
  'class_members',
  {
    id: id(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id),
    personId: uuid('person_id').notNull(),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    /** Repeats the year by decision of the pedagogical council (оставлен на повторное обучение). */
    repeater: boolean('repeater').notNull().default(false),
  },
  (t) => [
    index('class_members_class_idx').on(t.classId, t.joinedOn),
    index('class_members_person_idx').on(t.personId, t.joinedOn),
  ],
);

export const subjects = learning.table('subjects', {
  id: id(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull(),
});

/** Учебный план: weekly hours of a subject in a parallel. */
export const curriculum = learning.table(
  'curriculum',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    schoolYear: schoolYear(),
    grade: smallint('grade').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1 }).notNull(),
  },
  (t) => [uniqueIndex('curriculum_key').on(t.organizationId, t.schoolYear, t.grade, t.subjectId)],
);

/** Who teaches which subject in which class (with subgroups: a class split for languages or labour). */
export const assignments = learning.table(
  'assignments',
  {
    id: id(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    teacherId: uuid('teacher_id').notNull(),
    /** 1 or 2 when the class is split; null for the whole class. */
    subgroup: smallint('subgroup'),
  },
  (t) => [
    uniqueIndex('assignments_key').on(t.classId, t.subjectId, t.teacherId, t.subgroup),
    index('assignments_teacher_idx').on(t.teacherId),
  ],
);

/** The weekly timetable: which lesson of which weekday, valid between two dates. */
export const scheduleSlots = learning.table(
  'schedule_slots',
  {
    id: id(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    teacherId: uuid('teacher_id').notNull(),
    subgroup: smallint('subgroup'),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint('weekday').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    room: text('room'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [
    index('schedule_slots_class_idx').on(t.classId, t.weekday),
    index('schedule_slots_teacher_idx').on(t.teacherId),
  ],
);

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
    index('marks_class_subject_date_idx').on(t.schoolYear, t.classId, t.subjectId, t.date),
    index('marks_student_date_idx').on(t.schoolYear, t.studentId, t.date),
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
