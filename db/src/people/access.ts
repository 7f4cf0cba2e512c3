/** ESIA links and profiles, role grants, the access history, service accounts, extra-education links. */
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, people } from './columns.ts';
import {
  esiaLinkMethod,
  identityDocumentType,
  municipalities,
  organizations,
  persons,
  roleCode,
  territoryKind,
} from './core.ts';
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
