/** The federal platforms' registrations, operation manifests, the change feed's log, completeness counts. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { changeHorizonTable, changeLogTable } from '../change-log.ts';
import { createdAt, id, people } from './columns.ts';
import { organizations, persons } from './core.ts';
import { serviceAccounts } from './access.ts';
/**
 * The federal platforms the region monitors (DOMAIN.md rules 21 and 24, seed 000): Сферум and ФГИС «Моя
 * школа». The platform keeps only the fact and date of a registration there, learnt from the platforms'
 * reconciliations — never an account name or link.
 */
export const externalPlatform = people.enum('external_platform', ['SFERUM', 'MY_SCHOOL']);
/** An organization's status on a platform: «Активна», registration requested, or blocked. */
export const platformOrganizationStatus = people.enum('platform_organization_status', ['ACTIVE', 'PENDING', 'BLOCKED']);

/** An organization on a platform: its status and the date it was registered (absent row: not there). */
export const platformOrganizations = people.table(
  'platform_organizations',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    platform: externalPlatform('platform').notNull(),
    status: platformOrganizationStatus('status').notNull(),
    registeredOn: date('registered_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.platform] })],
);

/** A person (staff member or learner) registered on a platform, and since when (absent row: not registered). */
export const platformAccounts = people.table(
  'platform_accounts',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    platform: externalPlatform('platform').notNull(),
    registeredOn: date('registered_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.platform] })],
);

/**
 * An external system's persisted operations (issue 14 §1): Apollo's persisted query manifest as the regional
 * operator registered it, one row per version. The active version is the allow-list the gateway enforces for
 * that account; an account with no active version runs under its scopes alone.
 */
export const operationManifests = people.table(
  'operation_manifests',
  {
    id: id(),
    serviceAccountId: uuid('service_account_id')
      .notNull()
      .references(() => serviceAccounts.id),
    version: integer('version').notNull(),
    /** `{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`. */
    manifest: jsonb('manifest').notNull(),
    registeredBy: uuid('registered_by'),
    registeredAt: createdAt(),
    active: boolean('active').notNull().default(false),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('operation_manifests_version_key').on(t.serviceAccountId, t.version),
    uniqueIndex('operation_manifests_active_key')
      .on(t.serviceAccountId)
      .where(sql`${t.active}`),
  ],
);

/** The change feed's log of people's entities (issue 14 §2, `change-log.ts`). */
export const changes = changeLogTable(people);
export const changesHorizon = changeHorizonTable(people);

/**
 * The coordinators' completeness figures (DOMAIN.md rules 7 and 21) kept per organization and kind of card,
 * so the page reads them with one indexed statement whatever the organization's size (issue 13 §4). Kept
 * exact in the writing transaction by the triggers of migration `completeness_triggers`
 * (`people.completeness_recount`), whose checks are rendered from the people subgraph's `checksOfKind`
 * (architecture.md «Completeness counts kept per organization»).
 * One `gap_*` column per mandatory field (`MANDATORY_FIELDS`), zero where the kind does not need it.
 */
export const completenessCounts = people.table(
  'completeness_counts',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    cards: integer('cards').notNull().default(0),
    withGaps: integer('with_gaps').notNull().default(0),
    gapFullName: integer('gap_full_name').notNull().default(0),
    gapBirthDate: integer('gap_birth_date').notNull().default(0),
    gapSex: integer('gap_sex').notNull().default(0),
    gapIdentityDocument: integer('gap_identity_document').notNull().default(0),
    gapPassport: integer('gap_passport').notNull().default(0),
    gapCitizenship: integer('gap_citizenship').notNull().default(0),
    gapPlaceOfBirth: integer('gap_place_of_birth').notNull().default(0),
    gapRegistrationAddress: integer('gap_registration_address').notNull().default(0),
    gapResidenceAddress: integer('gap_residence_address').notNull().default(0),
    gapEducationForm: integer('gap_education_form').notNull().default(0),
    gapSnils: integer('gap_snils').notNull().default(0),
    gapMovementFirst: integer('gap_movement_first').notNull().default(0),
    gapMainPosition: integer('gap_main_position').notNull().default(0),
    gapQualificationCategory: integer('gap_qualification_category').notNull().default(0),
    gapPhone: integer('gap_phone').notNull().default(0),
    gapEmail: integer('gap_email').notNull().default(0),
    gapEducation: integer('gap_education').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.kind] }),
    check('completeness_counts_kind', sql`${t.kind} in ('STUDENT', 'STAFF')`),
  ],
);

/**
 * The organizations whose completeness counts a transaction changed, recounted when it commits (a deferred
 * constraint trigger, migration `completeness_triggers`): each transaction's rows, deleted by the recount.
 */
export const completenessPending = people.table(
  'completeness_pending',
  {
    transactionId: bigint('transaction_id', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    organizationId: uuid('organization_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.transactionId, t.organizationId] })],
);
