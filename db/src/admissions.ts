/**
 * The `admissions` schema («Е-услуги. Образование», DOMAIN.md rules 15–18): applications with their
 * status machine and its history, campaign dates per year, places, school territories, the kindergarten
 * queue and the outbox of status changes for ЕПГУ. Owned by the admissions subgraph; children, applicants
 * and organizations are people's entities, referred to by id.
 */
import {
  APPLICATION_CATEGORIES,
  APPLICATION_KINDS,
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
} from '@region/schema/enums';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import { changeHorizonTable, changeLogTable } from './change-log.ts';
import { outboxDeliveryColumns } from './outbox-columns.ts';

export const admissions = pgSchema('admissions');

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const applicationKind = admissions.enum('application_kind', APPLICATION_KINDS);
export const applicationSource = admissions.enum('application_source', APPLICATION_SOURCES);
export const applicationCategory = admissions.enum('application_category', APPLICATION_CATEGORIES);
export const applicationStatus = admissions.enum('application_status', APPLICATION_STATUSES);

/** Campaign dates of a year (rule 15), configurable: the law's dates are the defaults. */
export const campaigns = admissions.table('campaigns', {
  year: smallint('year').primaryKey(),
  priorityFrom: date('priority_from').notNull(),
  priorityTo: date('priority_to').notNull(),
  directionNotBefore: date('direction_not_before').notNull(),
  otherFrom: date('other_from').notNull(),
  otherTo: date('other_to').notNull(),
  orderWorkingDays: smallint('order_working_days').notNull().default(3),
});

/** Places an organization offers in a campaign, per kind of application. */
export const places = admissions.table(
  'places',
  {
    organizationId: uuid('organization_id').notNull(),
    year: smallint('year').notNull(),
    kind: applicationKind('kind').notNull(),
    total: integer('total').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.year, t.kind] }), check('places_total', sql`${t.total} >= 0`)],
);

/** The territory assigned to a school: address ranges (закреплённая территория). */
export const territories = admissions.table(
  'territories',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    /** Lower-cased street with its kind: «ул. ленина». */
    street: text('street').notNull(),
    houseFrom: integer('house_from').notNull(),
    houseTo: integer('house_to').notNull(),
    /** ODD, EVEN or null for both sides of the street. */
    parity: text('parity'),
  },
  (t) => [
    index('territories_street_idx').on(t.street),
    check('territories_range', sql`${t.houseFrom} <= ${t.houseTo}`),
  ],
);

export const applications = admissions.table(
  'applications',
  {
    id: id(),
    kind: applicationKind('kind').notNull(),
    /** Campaign year: the calendar year of the start of studies. */
    year: smallint('year').notNull(),
    /** The child's person record; null until an ЕПГУ application is matched to one. */
    childId: uuid('child_id'),
    /** The child as the applicant wrote them (ЕПГУ sends no platform ids). */
    childLastName: text('child_last_name').notNull(),
    childFirstName: text('child_first_name').notNull(),
    childMiddleName: text('child_middle_name'),
    childBirthDate: date('child_birth_date').notNull(),
    /** The applicant's person record; null until an ЕПГУ applicant is matched to one. */
    applicantId: uuid('applicant_id'),
    /** The applicant as ЕПГУ sent them: { lastName, firstName, middleName, snils, esiaOid }. */
    applicantData: jsonb('applicant_data').$type<Record<string, string | null>>(),
    source: applicationSource('source').notNull(),
    /** ЕПГУ application number: the idempotency key of intake (rule 16). */
    epguNumber: text('epgu_number'),
    /**
     * The service account that handed an ЕПГУ application over, and the SHA-256 of its canonical content:
     * a replay of the number is answered only to the same account with the same content (issue 9, §3).
     */
    intakeAccountId: uuid('intake_account_id'),
    intakeContentHash: text('intake_content_hash'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    category: applicationCategory('category').notNull(),
    /** Points of Order 458 giving priority: '9', '9.1', '10', '12'. */
    priorityRights: text('priority_rights')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    residenceAddress: text('residence_address'),
    /** The child's birth certificate as given, for support search (rule 16). */
    birthCertificateSeries: text('birth_certificate_series'),
    birthCertificateNumber: text('birth_certificate_number'),
    documents: jsonb('documents')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    comment: text('comment'),
    status: applicationStatus('status').notNull().default('SUBMITTED'),
    /** The organization the child is directed to («Направлен в ОО»). */
    directedOrganizationId: uuid('directed_organization_id'),
    /** Set once, when the enrolment was recorded in the movement book. */
    enrolmentKey: text('enrolment_key'),
    /** The enrolment order (приказ о зачислении, Order 458 point 17): its number and its own date. */
    enrolmentOrderNumber: text('enrolment_order_number'),
    enrolmentOrderDate: date('enrolment_order_date'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_epgu_number_key')
      .on(t.epguNumber)
      .where(sql`${t.epguNumber} is not null`),
    index('applications_child_idx').on(t.childId),
    index('applications_applicant_idx').on(t.applicantId),
    index('applications_directed_idx').on(t.directedOrganizationId, t.status),
    index('applications_birth_certificate_idx').on(t.birthCertificateNumber),
  ],
);

/** Desired organizations in order of preference. */
export const applicationChoices = admissions.table(
  'application_choices',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    organizationId: uuid('organization_id').notNull(),
    preference: smallint('preference').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.preference] }),
    uniqueIndex('application_choices_organization_key').on(t.applicationId, t.organizationId),
    index('application_choices_organization_idx').on(t.organizationId),
  ],
);

/** Every status change (rule 17): who, when, from, to, why. */
export const statusHistory = admissions.table(
  'status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromStatus: applicationStatus('from_status'),
    toStatus: applicationStatus('to_status').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('status_history_application_idx').on(t.applicationId, t.changedAt)],
);

/** Status changes queued for delivery back to ЕПГУ (rule 17), with attempts and results. */
export const outbox = admissions.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    ...outboxDeliveryColumns(),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    // The worker delivers an application's messages in order: "is an older one still pending?"
    index('outbox_application_pending_idx')
      .on(t.applicationId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

/** The kindergarten queue: each change of a child's position, with its reason (rule 18). */
export const queuePositions = admissions.table(
  'queue_positions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    organizationId: uuid('organization_id').notNull(),
    position: integer('position').notNull(),
    previousPosition: integer('previous_position'),
    reason: text('reason').notNull(),
    current: boolean('current').notNull().default(true),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('queue_positions_application_idx').on(t.applicationId, t.changedAt),
    uniqueIndex('queue_positions_current_key')
      .on(t.applicationId, t.organizationId)
      .where(sql`${t.current}`),
  ],
);

/**
 * The production calendar (производственный календарь) of a year as the Government's decree on moving days
 * off published it (Labour Code art. 112 part 5). A year without a row is computed from art. 112 alone and says
 * so. Rows are data: the known years are seeded by a migration, a new decree is loaded with one statement
 * (docs/architecture.md, Legal calendar), no release needed.
 */
export const productionCalendars = admissions.table(
  'production_calendars',
  {
    year: smallint('year').primaryKey(),
    /** The decree as cited: «Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»». */
    decree: text('decree').notNull(),
    /** Every non-working day of the year that is not a plain Saturday or Sunday: holidays and moved days off. */
    nonWorkingDays: date('non_working_days').array().notNull(),
    /** Saturdays and Sundays the decree made working days. */
    workingWeekends: date('working_weekends')
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    createdAt: createdAt(),
  },
  (t) => [
    check('production_calendars_year', sql`${t.year} between 2000 and 2100`),
    check('production_calendars_decree', sql`length(trim(${t.decree})) > 0`),
  ],
);

/** The change feed's log of applications (issue 14 §2, `change-log.ts`): a row per application and organization. */
export const changes = changeLogTable(admissions);
export const changesHorizon = changeHorizonTable(admissions);
