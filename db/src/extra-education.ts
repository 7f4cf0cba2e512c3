/**
 * The `extra_education` schema (issue 11; DOMAIN.md rules 19–21, 19a; seed 000 «Реализация учета
 * сертификатов дополнительного образования»): the regional navigator's programmes and groups, ПФДО
 * certificates with their status history and their money ledger, funding periods with the regional norm,
 * applications to groups with their history, contracts, and the outbox of enrolments and expulsions for
 * people's movement book. Owned by the extra-education subgraph; organizations, municipalities, children,
 * applicants and teachers are people's entities, referred to by id (no foreign keys across schemas).
 *
 * Money is `numeric(12,2)` (roubles and kopecks, read as strings by the driver: never a float).
 *
 * The certificate's money is a ledger, never a mutable balance column (rule 19a). Per certificate and
 * funding period:
 *   credited  = Σ CREDIT
 *   reserved  = Σ RESERVE − Σ CHARGE − Σ RELEASE      (held for its contracts, not yet spent)
 *   spent     = Σ CHARGE
 *   balance   = credited − spent                        (what the certificate still holds)
 *   available = credited − Σ RESERVE + Σ RELEASE        (= balance − reserved: what a new contract may take)
 * A CHARGE moves money from reserved to spent, so it does not lower `available` a second time. A contract by
 * certificate needs credited > 0 in the period (rule 20: no contract before funds are credited) and its
 * reservation ≤ available; writers lock the certificate row (`select … for update`) before they read the sums
 * and append, so two contracts cannot both take the same money.
 */
import {
  CERTIFICATE_STATUSES,
  EXTRA_APPLICATION_STATUSES,
  EXTRA_SOURCES,
  LEDGER_KINDS,
  PAYMENT_METHODS,
  PROGRAMME_DIRECTIONS,
  PROGRAMME_STATUSES,
} from '@region/schema/enums';
import { sql } from 'drizzle-orm';
import { changeHorizonTable, changeLogTable } from './change-log.ts';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgSchema,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { outboxDeliveryColumns } from './outbox-columns.ts';

export const extraEducation = pgSchema('extra_education');

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const money = (name: string) => numeric(name, { precision: 12, scale: 2 });

export const programmeDirection = extraEducation.enum('programme_direction', PROGRAMME_DIRECTIONS);
export const programmeStatus = extraEducation.enum('programme_status', PROGRAMME_STATUSES);
export const paymentMethod = extraEducation.enum('payment_method', PAYMENT_METHODS);
export const source = extraEducation.enum('source', EXTRA_SOURCES);
export const certificateStatus = extraEducation.enum('certificate_status', CERTIFICATE_STATUSES);
export const ledgerKind = extraEducation.enum('ledger_kind', LEDGER_KINDS);
export const applicationStatus = extraEducation.enum('application_status', EXTRA_APPLICATION_STATUSES);

/**
 * A programme of an extra-education organization or a school (rule 19a: one of six directions). The
 * municipality and address are copied from people's organization when the programme is created, so the
 * public catalogue filters by municipality in one statement; only PUBLISHED programmes are public.
 */
export const programmes = extraEducation.table(
  'programmes',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    direction: programmeDirection('direction').notNull(),
    /** Ages in full years, both bounds inclusive: a child of `age_from` to `age_to` may attend. */
    ageFrom: smallint('age_from').notNull(),
    ageTo: smallint('age_to').notNull(),
    durationMonths: smallint('duration_months').notNull(),
    /** Academic hours of the whole programme. */
    hours: integer('hours').notNull(),
    /** Copied from people's organization at creation. */
    municipalityId: uuid('municipality_id').notNull(),
    address: text('address'),
    /** The price of a month of study: what a paid contract costs and a certificate is charged monthly. */
    pricePerMonth: money('price_per_month').notNull().default('0'),
    /** The ways a place may be paid for (rule 20); a certificate only at a «Участник ПФДО» organization. */
    funding: paymentMethod('funding').array().notNull(),
    status: programmeStatus('status').notNull().default('DRAFT'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('programmes_ages', sql`${t.ageFrom} >= 0 and ${t.ageFrom} <= ${t.ageTo} and ${t.ageTo} <= 18`),
    check('programmes_duration', sql`${t.durationMonths} > 0 and ${t.hours} > 0`),
    check('programmes_price', sql`${t.pricePerMonth} >= 0`),
    check('programmes_funding', sql`cardinality(${t.funding}) > 0`),
    // The catalogue: published programmes by direction / municipality, keyset on id.
    index('programmes_catalogue_direction_idx')
      .on(t.direction, t.id)
      .where(sql`${t.status} = 'PUBLISHED'`),
    index('programmes_catalogue_municipality_idx')
      .on(t.municipalityId, t.id)
      .where(sql`${t.status} = 'PUBLISHED'`),
    index('programmes_catalogue_age_idx')
      .on(t.ageFrom, t.ageTo)
      .where(sql`${t.status} = 'PUBLISHED'`),
    index('programmes_funding_idx').using('gin', t.funding),
    // Row scope of an organization's admin, and `Organization.programmes`.
    index('programmes_organization_idx').on(t.organizationId, t.status, t.id),
  ],
);

/** A group of a programme: the unit a child applies to and contracts for; its capacity bounds free places. */
export const groups = extraEducation.table(
  'groups',
  {
    id: id(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    name: text('name').notNull(),
    /** The teacher's person record (people); staff work data, not shown in the public catalogue. */
    teacherId: uuid('teacher_id'),
    /** As the organization writes it: «Вт, Чт 16:00–17:30». */
    schedule: text('schedule').notNull().default(''),
    capacity: smallint('capacity').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('groups_capacity', sql`${t.capacity} > 0`),
    check('groups_period', sql`${t.startsOn} <= ${t.endsOn}`),
    index('groups_programme_idx').on(t.programmeId, t.startsOn),
  ],
);

/**
 * A ПФДО certificate (rule 19): one per child, a unique 10-digit code the platform generates, issued to a
 * child of 5 to 18 on the region's date of issue, from the cabinet, ЕПГУ (idempotent by its number) or in
 * person. Its status (FROZEN/ACTUAL) is derived from its contracts and kept in `certificate_status_changes`.
 */
export const certificates = extraEducation.table(
  'certificates',
  {
    id: id(),
    personId: uuid('person_id').notNull().unique('certificates_person_key'),
    code: text('code').notNull().unique('certificates_code_key'),
    /** The region's date of issue (the age rule is judged on it). */
    issuedOn: date('issued_on').notNull(),
    source: source('source').notNull(),
    /** ЕПГУ application number: the idempotency key of intake. */
    epguNumber: text('epgu_number'),
    /** Who asked: the guardian, the child of 14+ or the ЕПГУ applicant matched to a card (null if not matched). */
    applicantId: uuid('applicant_id'),
    /** The child's municipality at issue: the row scope of municipal coordinators and coverage (rule 21). */
    municipalityId: uuid('municipality_id').notNull(),
    /** The service account that handed an ЕПГУ certificate over, and its content hash (replays, as admissions). */
    intakeAccountId: uuid('intake_account_id'),
    intakeContentHash: text('intake_content_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    check('certificates_code_format', sql`${t.code} ~ '^[0-9]{10}$'`),
    uniqueIndex('certificates_epgu_number_key')
      .on(t.epguNumber)
      .where(sql`${t.epguNumber} is not null`),
    index('certificates_municipality_idx').on(t.municipalityId),
    index('certificates_applicant_idx').on(t.applicantId),
  ],
);

/**
 * Every change of a certificate's status (rule 19: «Заморожен» / «Актуален»), with its reason and time; the
 * first row (FROZEN) is written at issue, the current status is the latest row.
 */
export const certificateStatusChanges = extraEducation.table(
  'certificate_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    status: certificateStatus('status').notNull(),
    reason: text('reason').notNull(),
    /** The contract whose conclusion or end caused the change (null at issue). */
    contractId: uuid('contract_id'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificate_status_changes_certificate_idx').on(t.certificateId, t.changedAt, t.id)],
);

/** A funding period of the regional ПФДО programme with its norm per certificate (rule 19a: credits per period). */
export const fundingPeriods = extraEducation.table(
  'funding_periods',
  {
    id: id(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The regional norm credited to each certificate for the period. */
    normPerCertificate: money('norm_per_certificate').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    check('funding_periods_dates', sql`${t.startsOn} <= ${t.endsOn}`),
    check('funding_periods_norm', sql`${t.normPerCertificate} > 0`),
    uniqueIndex('funding_periods_starts_key').on(t.startsOn),
  ],
);

/**
 * An application to a group (issue 11): by a guardian or the child of 14+ in the cabinet, from ЕПГУ, or in
 * person; statuses with history like admissions. `organization_id` is the group's programme's organization,
 * copied (it never changes) so the organization's row scope needs no join.
 */
export const applications = extraEducation.table(
  'applications',
  {
    id: id(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    organizationId: uuid('organization_id').notNull(),
    childId: uuid('child_id').notNull(),
    /** The guardian or the child themself; null for an ЕПГУ applicant not matched to a card. */
    applicantId: uuid('applicant_id'),
    source: source('source').notNull(),
    /** How the applicant wishes to pay (rule 20); the contract decides. */
    paymentMethod: paymentMethod('payment_method'),
    status: applicationStatus('status').notNull().default('SUBMITTED'),
    /** Why the organization refused (REFUSED needs one; the applicant sees it). */
    refusalReason: text('refusal_reason'),
    epguNumber: text('epgu_number'),
    intakeAccountId: uuid('intake_account_id'),
    intakeContentHash: text('intake_content_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('applications_refusal', sql`${t.status} <> 'REFUSED' or ${t.refusalReason} is not null`),
    uniqueIndex('applications_epgu_number_key')
      .on(t.epguNumber)
      .where(sql`${t.epguNumber} is not null`),
    // One open application of a child to a group.
    uniqueIndex('applications_open_key')
      .on(t.groupId, t.childId)
      .where(sql`${t.status} in ('SUBMITTED', 'ACCEPTED')`),
    // Free places count the accepted applications of a group.
    index('applications_group_idx').on(t.groupId, t.status),
    index('applications_organization_idx').on(t.organizationId, t.status, t.createdAt),
    index('applications_child_idx').on(t.childId),
    index('applications_applicant_idx').on(t.applicantId),
  ],
);

/** Every status change of an application: who, when, from, to, why (as admissions' rule 17). */
export const applicationStatusHistory = extraEducation.table(
  'application_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromStatus: applicationStatus('from_status'),
    toStatus: applicationStatus('to_status').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_status_history_application_idx').on(t.applicationId, t.changedAt, t.id)],
);

/**
 * A contract (rule 20): names the payment method; a certificate contract names the certificate, only at a
 * «Участник ПФДО» organization and only after funds are credited. Its conclusion and end go to people's
 * movement book through `outbox`. `organization_id` is copied from the group's programme, like applications.
 */
export const contracts = extraEducation.table(
  'contracts',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .unique('contracts_application_key')
      .references(() => applications.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    organizationId: uuid('organization_id').notNull(),
    childId: uuid('child_id').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    certificateId: uuid('certificate_id').references(() => certificates.id),
    /** The programme's monthly price when concluded: what a certificate is charged each month. */
    pricePerMonth: money('price_per_month').notNull(),
    concludedOn: date('concluded_on').notNull(),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    check('contracts_certificate', sql`(${t.paymentMethod} = 'CERTIFICATE') = (${t.certificateId} is not null)`),
    check('contracts_end', sql`(${t.endedOn} is null) = (${t.endReason} is null)`),
    check('contracts_dates', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.concludedOn}`),
    // One active contract of a child in a group; free places count a group's active contracts.
    uniqueIndex('contracts_active_key')
      .on(t.groupId, t.childId)
      .where(sql`${t.endedOn} is null`),
    index('contracts_group_active_idx')
      .on(t.groupId)
      .where(sql`${t.endedOn} is null`),
    index('contracts_certificate_idx').on(t.certificateId),
    index('contracts_child_idx').on(t.childId),
    index('contracts_organization_idx').on(t.organizationId, t.concludedOn),
  ],
);

/**
 * The certificate's money (rule 19a), append-only: CREDIT per period by the norm, RESERVE on a contract,
 * CHARGE per month of study, RELEASE of the unspent reserve when a contract ends. The sums are in this
 * file's header comment; there is no balance column to drift.
 */
export const ledgerEntries = extraEducation.table(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    kind: ledgerKind('kind').notNull(),
    /** Always positive: the kind says which way the money moves. */
    amount: money('amount').notNull(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => fundingPeriods.id),
    contractId: uuid('contract_id').references(() => contracts.id),
    /** The first day of the month charged (CHARGE only). */
    month: date('month'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    check('ledger_amount', sql`${t.amount} > 0`),
    check('ledger_contract', sql`(${t.kind} = 'CREDIT') = (${t.contractId} is null)`),
    check('ledger_month', sql`(${t.kind} = 'CHARGE') = (${t.month} is not null)`),
    // Idempotent crediting and charging: one credit per certificate and period, one charge per contract and month.
    uniqueIndex('ledger_credit_key')
      .on(t.certificateId, t.periodId)
      .where(sql`${t.kind} = 'CREDIT'`),
    uniqueIndex('ledger_charge_key')
      .on(t.contractId, t.month)
      .where(sql`${t.kind} = 'CHARGE'`),
    index('ledger_certificate_idx').on(t.certificateId, t.periodId),
    index('ledger_contract_idx').on(t.contractId),
  ],
);

/**
 * Enrolments and expulsions queued for people's movement book (rule 20: every enrolment goes through it
 * with its payment method), delivered through the gateway as a service account, idempotent. The same
 * columns as `admissions.outbox`, keyed by the contract: a contract's messages are delivered in order.
 */
export const outbox = extraEducation.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    ...outboxDeliveryColumns(),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    index('outbox_contract_pending_idx')
      .on(t.contractId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

/**
 * What people is told about the children of an organization's applications and contracts (issue 11,
 * «Extra-education: names for the organization» in docs/architecture.md): one message per change of an
 * application's link — opened at submission, closed at a refusal or withdrawal, given its last day at a
 * contract's end. People keeps the link and lets the organization's grant read the child's name while it
 * lasts. Keyed by the application (its contract included), so one application's changes go out in order;
 * the columns the kit's outbox worker needs, as `outbox`.
 */
export const peopleOutbox = extraEducation.table(
  'people_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** No foreign key: the payload carries all a delivery needs, and applications are truncated without it. */
    applicationId: uuid('application_id').notNull(),
    ...outboxDeliveryColumns(),
  },
  (t) => [
    index('people_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    index('people_outbox_application_pending_idx')
      .on(t.applicationId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

/**
 * The change feed's log (issue 14 §2, `change-log.ts`): certificates (rows of their municipality, rule 19) and
 * contracts (rows of their organization), keys only.
 */
export const changes = changeLogTable(extraEducation);
export const changesHorizon = changeHorizonTable(extraEducation);
