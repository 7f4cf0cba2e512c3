/** Persons, organizations, municipalities, guardianship, employment, the movement book, enrolments, consents. */
import { PAYMENT_METHODS } from '@region/schema/enums';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '@region/schema';
import { createdAt, id, people } from './columns.ts';

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
