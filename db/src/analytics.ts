/**
 * The analytics subgraph's own tables (issue 12), in schema `analytics`, written by `analytics_svc` only.
 * Analytics reads the other subgraphs through the read contract (`analytics_contract`); what it stores is
 * its users' work (saved report definitions) and the pre-aggregated facts computed from the contract for
 * the whole region — never a table computed for one principal, which would outlive its scope: row scope and
 * suppression are applied when a report reads the facts, exactly as over the views.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const analytics = pgSchema('analytics');

/** What `report(input:)` takes, as saved: ids and values only, checked again every time it runs. */
export interface SavedReportDefinition {
  dataset: string;
  dimensions: string[];
  measures: string[];
  filters: { dimension: string; values: string[] }[];
  sort: { dimension: string | null; measure: string | null; descending: boolean }[];
  limit: number | null;
  on: string | null;
  ageOn: string | null;
  from: string | null;
  to: string | null;
}

/**
 * A report saved by a person (issue 12: saved reports per person, shareable within the same scope). The
 * saver's `reports:read` territory at saving time is kept so a shared report is listed only to principals
 * whose territory overlaps it; whoever opens it runs it with their own principal, never the saver's.
 */
export const savedReports = analytics.table(
  'saved_reports',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`uuidv7()`),
    /** The saver's person id: only they change or delete it. */
    ownerId: uuid('owner_id').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<SavedReportDefinition>().notNull(),
    shared: boolean('shared').notNull().default(false),
    /** The saver's territory: the region, their municipalities, their organizations and those' municipalities. */
    scopeRegion: boolean('scope_region').notNull(),
    scopeMunicipalityIds: uuid('scope_municipality_ids').array().notNull(),
    scopeOrganizationIds: uuid('scope_organization_ids').array().notNull(),
    scopeOrganizationMunicipalityIds: uuid('scope_organization_municipality_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('saved_reports_title', sql`char_length(${t.title}) between 1 and 200`),
    index('saved_reports_owner_idx').on(t.ownerId, t.updatedAt),
    index('saved_reports_shared_idx')
      .on(t.updatedAt)
      .where(sql`${t.shared}`),
  ],
);

/*
 * Pre-aggregated facts (issue 12: "a regional dashboard reads thousands of rows, not millions"), refreshed
 * incrementally by `subgraphs/analytics/src/facts/refresh.ts`. Their columns carry the read contract's names
 * (`organization_id`, `grade`, `birth_year`…), so the catalogue's dimension expressions run over a fact as
 * over its view. docs/architecture.md, "Analytics: pre-aggregated facts".
 */

/** What every fact row carries about where it lies and whose it is (the contract's columns). */
const factPlace = () => ({
  organizationId: uuid('organization_id').notNull(),
  municipalityId: uuid('municipality_id').notNull(),
  organizationType: text('organization_type').notNull(),
  classId: uuid('class_id'),
  grade: smallint('grade'),
  gender: text('gender'),
  birthYear: smallint('birth_year'),
  birthMonth: smallint('birth_month'),
  consented: boolean('consented').notNull(),
});

/**
 * Contingent, aggregated: enrolments grouped by organization × class × grade × gender × birth year-month ×
 * consent × enrolment dates, `persons` counted. A learner has at most one enrolment on any date (the movement
 * book ends one before the next starts; `enrolments_current_key`), so on a slice date each learner lies in
 * exactly one row and a sum of `persons` over any cell is its count of distinct learners.
 */
export const factContingent = analytics.table(
  'fact_contingent',
  {
    ...factPlace(),
    schoolYear: smallint('school_year'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    persons: integer('persons').notNull(),
  },
  (t) => [
    index('fact_contingent_organization_idx').on(t.organizationId),
    index('fact_contingent_slice_idx').on(t.startedOn),
  ],
);

/**
 * Marks, per learner × class × subject × study period × month × kind: a learner's marks of a month collapsed
 * into counts and weight sums. The learner's key stays, because a cell's count of persons (the basis of
 * suppression) is a distinct count over several rows (subjects, months) that no sum can give.
 * `date` is the month's first day.
 */
export const factMarks = analytics.table(
  'fact_marks',
  {
    personKey: uuid('person_key').notNull(),
    ...factPlace(),
    subjectId: uuid('subject_id').notNull(),
    periodId: uuid('period_id'),
    date: date('date').notNull(),
    kind: text('kind').notNull(),
    /** Numeric marks (2–5) and of them «2». */
    marks: integer('marks').notNull(),
    twos: integer('twos').notNull(),
    /** Σ weight and Σ value × weight over the numeric marks: the weighted average's parts. */
    weightSum: numeric('weight_sum', { mode: 'number' }).notNull(),
    weightedSum: numeric('weighted_sum', { mode: 'number' }).notNull(),
  },
  (t) => [index('fact_marks_organization_idx').on(t.organizationId, t.date)],
);

/** Lesson attendance, per learner × class × subject × month: scheduled lesson slots and absences. */
export const factAttendance = analytics.table(
  'fact_attendance',
  {
    personKey: uuid('person_key').notNull(),
    ...factPlace(),
    subjectId: uuid('subject_id').notNull(),
    date: date('date').notNull(),
    slots: integer('slots').notNull(),
    absences: integer('absences').notNull(),
    sick: integer('sick').notNull(),
    /** Present or late (late counts as present). */
    present: integer('present').notNull(),
    /** Slots with an attendance mark at all: the fingerprint that finds hard-deleted marks. */
    marked: integer('marked').notNull(),
  },
  (t) => [index('fact_attendance_organization_idx').on(t.organizationId, t.date)],
);

/**
 * Marks summed per organization × subject × study period × month × kind, from `fact_marks`: what a regional
 * dashboard reads. `persons` is the distinct learners of the row; over a cell of several rows their maximum is
 * only a lower bound of the cell's learners, so the builder reads this summary only for reports without a
 * persons measure and only when that bound proves no cell is small (else it reads `fact_marks`).
 */
export const factMarksSummary = analytics.table(
  'fact_marks_summary',
  {
    organizationId: uuid('organization_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
    organizationType: text('organization_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    periodId: uuid('period_id'),
    date: date('date').notNull(),
    kind: text('kind').notNull(),
    persons: integer('persons').notNull(),
    marks: integer('marks').notNull(),
    twos: integer('twos').notNull(),
    weightSum: numeric('weight_sum', { mode: 'number' }).notNull(),
    weightedSum: numeric('weighted_sum', { mode: 'number' }).notNull(),
  },
  (t) => [index('fact_marks_summary_organization_idx').on(t.organizationId, t.date)],
);

/** Lesson attendance summed per organization × subject × month, from `fact_attendance` (as the marks summary). */
export const factAttendanceSummary = analytics.table(
  'fact_attendance_summary',
  {
    organizationId: uuid('organization_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
    organizationType: text('organization_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    date: date('date').notNull(),
    persons: integer('persons').notNull(),
    slots: integer('slots').notNull(),
    absences: integer('absences').notNull(),
    sick: integer('sick').notNull(),
    present: integer('present').notNull(),
    /** Slots with an attendance mark: the fingerprint reads it here instead of the person-level fact. */
    marked: integer('marked').notNull().default(0),
  },
  (t) => [index('fact_attendance_summary_organization_idx').on(t.organizationId, t.date)],
);

/** Per fact: up to when changes were taken in (the watermark) and when it was last refreshed and rebuilt. */
export const factRefresh = analytics.table('fact_refresh', {
  fact: text('fact').primaryKey(),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }).notNull(),
});

/**
 * Per fact and organization: when its rows were last recomputed whole (the first fill, a change that touches
 * every month, or its turn in the rebuild). The refresh rebuilds the organizations rebuilt longest ago a few
 * at a time, so the periodic rebuild never holds a region-sized transaction.
 */
export const factRebuilds = analytics.table(
  'fact_rebuilds',
  {
    fact: text('fact').notNull(),
    organizationId: uuid('organization_id').notNull(),
    rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.fact, t.organizationId] }), index('fact_rebuilds_turn_idx').on(t.fact, t.rebuiltAt)],
);
