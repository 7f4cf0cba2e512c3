/**
 * How a school's year is organized: school years, periods, holidays, classes and their members, subjects,
 * curriculum, teaching assignments and the timetable.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  numeric,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { learning, id, createdAt, schoolYear, schoolYearStatus, periodKind, classKind } from './common.ts';

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
    /** Смена: the bell schedule of the organization the class's lessons follow (1 or 2). */
    shift: smallint('shift').notNull().default(1),
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
  /** Assessed «зачёт/незачёт» rather than 2–5: its period, year and final marks are PASS, FAIL or «н/а». */
  passFail: boolean('pass_fail').notNull().default(false),
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
