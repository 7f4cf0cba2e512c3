/**
 * The `people` schema: persons, organizations, municipalities and every link between them. Owned by the
 * people subgraph; other subgraphs refer to these rows by id only (no foreign keys across schemas).
 */
import { ROLES } from '@region/schema';
import { PAYMENT_METHODS } from '@region/schema/enums';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import { changeHorizonTable, changeLogTable } from './change-log.ts';

export const people = pgSchema('people');

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizationType = people.enum('organization_type', [
  'SCHOOL',
  'KINDERGARTEN',
  'EXTRA_EDUCATION',
  'COLLEGE',
]);
export const sex = people.enum('sex', ['MALE', 'FEMALE']);
export const identityDocumentType = people.enum('identity_document_type', [
  'RF_PASSPORT',
  'BIRTH_CERTIFICATE',
  'FOREIGN_PASSPORT',
]);
export const qualificationCategory = people.enum('qualification_category', ['NONE', 'FIRST', 'HIGHEST']);
export const movementKind = people.enum('movement_kind', ['ENROL', 'TRANSFER', 'EXPEL', 'GRADUATE']);
/** How an extra-education place is paid for (rule 20: every enrolment goes through the book with it). */
export const paymentMethod = people.enum('payment_method', PAYMENT_METHODS);
export const consentKind = people.enum('consent_kind', [
  /** Consent to processing of personal data (152-FZ art. 9); without it the person is depersonalized. */
  'PROCESSING',
  /** A parent's consent that a minor may log in through ESIA (DOMAIN.md rule 3). */
  'MINOR_LOGIN',
  /** Consent to transfer of personal data, asked once on the first successful login (rule 2). */
  'DATA_TRANSFER',
]);
export const roleCode = people.enum('role', ROLES);
export const territoryKind = people.enum('territory_kind', [
  'REGION',
  'MUNICIPALITY',
  'ORGANIZATION',
  'CLASS',
  'CHILDREN',
  'SELF',
]);
export const esiaLinkMethod = people.enum('esia_link_method', ['OID', 'SNILS', 'NAME_BIRTH_DOCUMENT', 'MANUAL']);

export const municipalities = people.table('municipalities', {
  id: id(),
  name: text('name').notNull(),
  /** ОКТМО code of the municipal formation. */
  oktmo: text('oktmo').notNull().unique(),
  createdAt: createdAt(),
});

export const organizations = people.table(
  'organizations',
  {
    id: id(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    type: organizationType('type').notNull(),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    /** Stored as registered, even when its check digit is wrong: monitoring must be able to find it. */
    inn: text('inn').notNull(),
    address: text('address'),
    /** «Участник ПФДО»: may enrol children by an extra-education certificate (rule 20). */
    pfdoParticipant: boolean('pfdo_participant').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('organizations_municipality_idx').on(t.municipalityId, t.id)],
);

export const persons = people.table(
  'persons',
  {
    id: id(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    /** Lower-cased full name with ё→е and single spaces: the duplicate key with the birth date (rule 8). */
    normalizedName: text('normalized_name').notNull(),
    birthDate: date('birth_date'),
    sex: sex('sex'),
    /** Eleven digits without separators. */
    snils: text('snils'),
    citizenship: text('citizenship'),
    placeOfBirth: text('place_of_birth'),
    registrationAddress: text('registration_address'),
    residenceAddress: text('residence_address'),
    phone: text('phone'),
    email: text('email'),
    documentType: identityDocumentType('document_type'),
    documentSeries: text('document_series'),
    documentNumber: text('document_number'),
    documentIssuedOn: date('document_issued_on'),
    /** Students: очная, заочная, семейное… */
    educationForm: text('education_form'),
    /** Participant of «Движение Первых». */
    movementFirst: boolean('movement_first'),
    /** Staff: level of education. */
    education: text('education'),
    /**
     * The organization whose staff registered the card. It keeps a new card within that organization's reach
     * before the person is enrolled, employed or linked (an admin must see what they just created).
     */
    registeredByOrganizationId: uuid('registered_by_organization_id').references(() => organizations.id),
    /** Set when this record was merged into another; merged records are kept for history, never shown. */
    mergedInto: uuid('merged_into'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Rule 8: an existing SNILS or identity document is refused, so both are unique among live records.
    uniqueIndex('persons_snils_key')
      .on(t.snils)
      .where(sql`${t.snils} is not null and ${t.mergedInto} is null`),
    uniqueIndex('persons_document_key')
      .on(t.documentType, t.documentSeries, t.documentNumber)
      .where(sql`${t.documentNumber} is not null and ${t.mergedInto} is null`),
    index('persons_name_birth_idx').on(t.normalizedName, t.birthDate),
    index('persons_last_name_idx').on(t.lastName, t.id),
    // Analytics' incremental facts read the persons changed since their last run (issue 13).
    index('persons_updated_at_idx').on(t.updatedAt),
  ],
);

export const guardianships = people.table(
  'guardianships',
  {
    id: id(),
    guardianId: uuid('guardian_id')
      .notNull()
      .references(() => persons.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => persons.id),
    /** Parent, adoptive parent, guardian (опекун)… as the school recorded it. */
    relation: text('relation').notNull().default('PARENT'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('guardianships_pair_key').on(t.guardianId, t.childId),
    index('guardianships_child_idx').on(t.childId),
    check('guardianships_not_self', sql`${t.guardianId} <> ${t.childId}`),
  ],
);

export const employments = people.table(
  'employments',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: text('position').notNull(),
    isMain: boolean('is_main').notNull().default(true),
    qualificationCategory: qualificationCategory('qualification_category'),
    maternityLeave: boolean('maternity_leave').notNull().default(false),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
  },
  (t) => [index('employments_person_idx').on(t.personId), index('employments_organization_idx').on(t.organizationId)],
);

/** Книга движения: every enrolment, transfer, expulsion and graduation with its order. */
export const movements = people.table(
  'movements',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: movementKind('kind').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The class (a learning entity, referred to by id) and its name at the time, as the book prints it. */
    classId: uuid('class_id'),
    className: text('class_name'),
    fromOrganizationId: uuid('from_organization_id').references(() => organizations.id),
    fromClassId: uuid('from_class_id'),
    orderNumber: text('order_number').notNull(),
    orderDate: date('order_date').notNull(),
    effectiveOn: date('effective_on').notNull(),
    reason: text('reason'),
    /**
     * The payment method of an extra-education enrolment (rule 20): budget, paid or certificate; null for
     * schools, kindergartens and colleges.
     */
    paymentMethod: paymentMethod('payment_method'),
    recordedBy: uuid('recorded_by'),
    /**
     * Set by a caller that may retry (an enrolment decided in admissions: `application:<id>`): the same key
     * never makes a second entry.
     */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('movements_idempotency_key')
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('movements_person_idx').on(t.personId, t.effectiveOn),
    index('movements_organization_idx').on(t.organizationId, t.effectiveOn),
  ],
);

/**
 * Where a learner is now, projected from the movement book in the same transaction as each entry;
 * `ended_on` is null for the current enrolment.
 */
export const enrolments = people.table(
  'enrolments',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    classId: uuid('class_id'),
    className: text('class_name'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
  },
  (t) => [
    uniqueIndex('enrolments_current_key')
      .on(t.personId)
      .where(sql`${t.endedOn} is null`),
    index('enrolments_class_idx')
      .on(t.classId)
      .where(sql`${t.endedOn} is null`),
    index('enrolments_organization_idx')
      .on(t.organizationId)
      .where(sql`${t.endedOn} is null`),
  ],
);

export const consents = people.table(
  'consents',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: consentKind('kind').notNull(),
    /** The subject themself or their legal representative. */
    grantedBy: uuid('granted_by').references(() => persons.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => persons.id),
  },
  (t) => [
    uniqueIndex('consents_active_key')
      .on(t.personId, t.kind)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);

/** A minor tried to log in without a parent's consent: the request shows in the parents' cabinets. */
export const consentRequests = people.table(
  'consent_requests',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: consentKind('kind').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consent_requests_open_key')
      .on(t.personId, t.kind)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export const esiaLinks = people.table(
  'esia_links',
  {
    /** ESIA oid (`urn:esia:sbj_id`): the subject key, never the e-mail (rule 5a). */
    esiaOid: text('esia_oid').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    method: esiaLinkMethod('method').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('esia_links_person_idx').on(t.personId)],
);

/** A child as the parent's ESIA account lists it (`rs/prns/{oid}/kids`, with its `/docs`). */
export interface EsiaKidSnapshot {
  /** The kid's ESIA id, as `/kids` names it. */
  oid: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  documentType: string | null;
  documentSeries: string | null;
  documentNumber: string | null;
}

/**
 * What ESIA's person API said about an account (`rs/prns/{oid}`, `/docs`, `/kids`) when a login last read it:
 * the school portfolio's comparison with Госуслуги (DOMAIN.md rule 12) is made against this, not against a
 * live call. Documents are stored in the normalized writing (`normalizeIdentityDocument`).
 */
export const esiaProfiles = people.table('esia_profiles', {
  esiaOid: text('esia_oid')
    .primaryKey()
    .references(() => esiaLinks.esiaOid),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  birthDate: date('birth_date'),
  snils: text('snils'),
  documentType: identityDocumentType('document_type'),
  documentSeries: text('document_series'),
  documentNumber: text('document_number'),
  kids: jsonb('kids')
    .$type<EsiaKidSnapshot[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const roleGrants = people.table(
  'role_grants',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    role: roleCode('role').notNull(),
    territory: territoryKind('territory').notNull(),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    classId: uuid('class_id'),
    grantedBy: uuid('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('role_grants_person_idx')
      .on(t.personId)
      .where(sql`${t.withdrawnAt} is null`),
    check(
      'role_grants_territory_shape',
      sql`(${t.territory} = 'MUNICIPALITY') = (${t.municipalityId} is not null)
        and (${t.territory} in ('ORGANIZATION', 'CLASS')) = (${t.organizationId} is not null)
        and (${t.territory} = 'CLASS') = (${t.classId} is not null)`,
    ),
  ],
);

/**
 * Append-only history of every change to personal data (rule 6): who, when, which field, old and new.
 * Written in the transaction of the change itself.
 */
export const history = people.table(
  'history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('history_entity_idx').on(t.entity, t.entityId, t.changedAt)],
);

/**
 * External systems (ЕПГУ, a municipal IS) that call the platform with their own client credentials: each
 * acts as a SERVICE principal over its territory (DOMAIN.md roles).
 */
export const serviceAccounts = people.table(
  'service_accounts',
  {
    id: id(),
    /** The `client_id` its tokens carry. */
    clientId: text('client_id').notNull().unique(),
    name: text('name').notNull(),
    territory: territoryKind('territory').notNull(),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    /** The operations it may run (scopes of the access model): a fixed set per system. */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'service_accounts_territory_shape',
      sql`${t.territory} in ('REGION', 'MUNICIPALITY') and (${t.territory} = 'MUNICIPALITY') = (${t.municipalityId} is not null)`,
    ),
  ],
);

/**
 * The children an extra-education programme's organization may name (issue 11, «Extra-education: names for
 * the organization» in docs/architecture.md): told by extra-education's outbox, one row per application (its
 * contract included). While `visible_until` is null or not past (region's date) the organization's grant
 * reaches the child's name (`person:read` only, `namesUnderGrant`). `changed_at` is the change's moment at
 * extra-education: an older message never overwrites a newer one, and a repeated one changes nothing.
 */
export const extraEducationLinks = people.table(
  'extra_education_links',
  {
    /** extra-education's application id (another subgraph's entity: no foreign key). */
    applicationId: uuid('application_id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The last day (region's date) the name is visible; null while the application or contract is open. */
    visibleUntil: date('visible_until'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('extra_education_links_organization_idx').on(t.organizationId, t.personId)],
);

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
