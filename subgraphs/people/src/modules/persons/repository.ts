/**
 * Reads of person cards. Every read goes through the principal's row scope (`PeoplePolicy`) in SQL and
 * carries, per row, what the principal may see of it — so field checks need no further queries.
 */
import { normalizeSnils } from '@region/schema';
import { qualified, tables, type Executor } from '@region/db';
import { and, asc, eq, getTableColumns, ilike, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PeoplePolicy } from '../../policy.ts';
import { fieldsOfKind, kindsOfField, type CardKind, type MandatoryField } from './mandatory-fields.ts';

const { persons, guardianships, enrolments, organizations, consents } = tables;
const PERSON_ID = qualified(persons.id);
const p = persons;

// Mandatory card fields (DOMAIN.md rule 7) as SQL over `people.persons`: the same checks as
// `mandatory-fields.ts` (which says which kinds of card need which field), one per field — the type makes
// every mandatory field have its SQL — so the per-card list and the filter never disagree.

const blankSql = (column: AnyPgColumn) => sql`coalesce(btrim(${column}), '') = ''`;

const mainEmployment = sql`exists (select 1 from people.employments m
  where m.person_id = ${PERSON_ID} and m.ended_on is null and m.is_main)`;

const MISSING_SQL: Readonly<Record<MandatoryField, SQL>> = {
  FULL_NAME: sql`(${blankSql(p.lastName)} or ${blankSql(p.firstName)})`,
  BIRTH_DATE: sql`${p.birthDate} is null`,
  SEX: sql`${p.sex} is null`,
  IDENTITY_DOCUMENT: blankSql(p.documentNumber),
  PASSPORT: sql`(${blankSql(p.documentNumber)} or ${p.documentType} is distinct from 'RF_PASSPORT')`,
  CITIZENSHIP: blankSql(p.citizenship),
  PLACE_OF_BIRTH: blankSql(p.placeOfBirth),
  REGISTRATION_ADDRESS: blankSql(p.registrationAddress),
  RESIDENCE_ADDRESS: blankSql(p.residenceAddress),
  EDUCATION_FORM: blankSql(p.educationForm),
  SNILS: blankSql(p.snils),
  MOVEMENT_FIRST: sql`${p.movementFirst} is null`,
  MAIN_POSITION: sql`not ${mainEmployment}`,
  QUALIFICATION_CATEGORY: sql`not exists (select 1 from people.employments m where m.person_id = ${PERSON_ID}
      and m.ended_on is null and m.is_main and m.qualification_category is not null)`,
  PHONE: blankSql(p.phone),
  EMAIL: blankSql(p.email),
  EDUCATION: blankSql(p.education),
};

/** SQL that tells whether a card is of a kind. */
export const KIND_SQL: Readonly<Record<CardKind, SQL>> = {
  STUDENT: sql`exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID} and e.ended_on is null)`,
  GUARDIAN: sql`exists (select 1 from people.guardianships gs where gs.guardian_id = ${PERSON_ID})`,
  STAFF: sql`exists (select 1 from people.employments m where m.person_id = ${PERSON_ID} and m.ended_on is null)`,
};

/** "This card misses a mandatory field", for the persons filter and the completeness reports. */
export function hasMissingFieldsSql(): SQL {
  const perKind = (['STUDENT', 'GUARDIAN', 'STAFF'] as const).map((kind) => {
    const checks = fieldsOfKind(kind).map((field) => MISSING_SQL[field]);
    return sql`(${KIND_SQL[kind]} and (${sql.join(checks, sql` or `)}))`;
  });
  return sql`(${sql.join(perKind, sql` or `)})`;
}

/** "This card misses `field`", for the kinds of card that must have it. */
export function missingFieldSql(field: MandatoryField): SQL {
  const kinds = kindsOfField(field);
  if (!kinds) return sql`false`;
  const perKind = kinds.map((kind) => sql`(${KIND_SQL[kind]} and ${MISSING_SQL[field]})`);
  return sql`(${sql.join(perKind, sql` or `)})`;
}

/** The checks a card of `kind` must pass, as SQL over `people.persons`: the organizations' completeness figures. */
export function checksOfKind(kind: CardKind): { field: MandatoryField; missingSql: SQL }[] {
  return fieldsOfKind(kind).map((field) => ({ field, missingSql: MISSING_SQL[field] }));
}

/** Rule 5: without an active consent to processing the person is depersonalized in every response. */
export const CONSENTED_SQL = sql<boolean>`exists (select 1 from people.consents c where c.person_id = ${PERSON_ID}
  and c.kind = 'PROCESSING' and c.withdrawn_at is null)`;

/**
 * The name is shown: with consent, or for a member of staff — a teacher named in a diary or a schedule, a
 * director of an organization is processed in their work role on the labour-relations basis (Labour Code
 * art. 86–88), not on consent. Their other personal data still follows consent.
 */
export const NAME_VISIBLE_SQL = sql<boolean>`(${CONSENTED_SQL} or exists (select 1 from people.employments w
  where w.person_id = ${PERSON_ID}))`;

/**
 * The order of a list by name, computed from what the principal may see: a masked name sorts as one value
 * after every visible one, so a depersonalized card's place in the list reveals nothing of its name.
 */
const MASKED_SORT = sql<boolean>`(not ${NAME_VISIBLE_SQL})`;
const NAME_SORT = sql<string>`(case when ${NAME_VISIBLE_SQL} then ${persons.normalizedName} else '' end)`;

export function personColumns(policy: PeoplePolicy) {
  return {
    ...getTableColumns(persons),
    // Which grant lets the principal read the card's personal data and contacts (null: none): the field
    // checks and the personal-data access log (issue 14 §4) need no further query.
    piiGrant: sql<number | null>`${policy.personsGrantWith('pii:read')}`.as('pii_grant'),
    contactsGrant: sql<number | null>`${policy.personsGrantWith('contacts:read')}`.as('contacts_grant'),
    canReadAudit: sql<boolean>`${policy.personsWithScope('audit:read')}`.as('can_read_audit'),
    canManageGrants: sql<boolean>`${policy.personsWithScope('grants:manage')}`.as('can_manage_grants'),
    consented: sql<boolean>`${CONSENTED_SQL}`.as('consented'),
    nameVisible: sql<boolean>`${NAME_VISIBLE_SQL}`.as('name_visible'),
    isStudent: sql<boolean>`${KIND_SQL.STUDENT}`.as('is_student'),
    isGuardian: sql<boolean>`${KIND_SQL.GUARDIAN}`.as('is_guardian'),
    isStaff: sql<boolean>`${KIND_SQL.STAFF}`.as('is_staff'),
    hasMainPosition: sql<boolean>`exists (select 1 from people.employments m where m.person_id = ${PERSON_ID}
      and m.ended_on is null and m.is_main)`.as('has_main_position'),
    qualificationCategory: sql<string | null>`(select m.qualification_category from people.employments m
      where m.person_id = ${PERSON_ID} and m.ended_on is null and m.is_main limit 1)`.as('qualification'),
  };
}

export type PersonRow = Awaited<ReturnType<typeof loadPersons>>[number];

/** Persons by id that the principal may see at all; merged records are never returned. */
export function loadPersons(db: Executor, policy: PeoplePolicy, ids: readonly string[]) {
  return db
    .select(personColumns(policy))
    .from(persons)
    .where(and(inArray(persons.id, [...ids]), isNull(persons.mergedInto), policy.personsWithScope('person:read')));
}

export interface PersonFilter {
  organizationId?: string | null;
  classId?: string | null;
  name?: string | null;
  hasMissingFields?: boolean | null;
  missingField?: MandatoryField | null;
  kind?: CardKind | null;
}

/** Where a page starts: the last row's place in the order (sealed in the cursor, see the kit's connection). */
export interface PersonKey {
  masked: boolean;
  name: string;
  id: string;
}

export interface Page {
  first: number;
  after: PersonKey | null;
}

/** A card of `kind`, of the organization when one is given (a guardian: of one of its learners). */
function kindSql(kind: CardKind, organizationId: string | null | undefined): SQL {
  const enrolledHere = organizationId ? sql`and e.organization_id = ${organizationId}` : sql``;
  switch (kind) {
    case 'STUDENT':
      return sql`exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID}
        and e.ended_on is null ${enrolledHere})`;
    case 'STAFF':
      return sql`exists (select 1 from people.employments m where m.person_id = ${PERSON_ID}
        and m.ended_on is null ${organizationId ? sql`and m.organization_id = ${organizationId}` : sql``})`;
    case 'GUARDIAN':
      if (!organizationId) return KIND_SQL.GUARDIAN;
      return sql`exists (select 1 from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
        where gs.guardian_id = ${PERSON_ID} and e.ended_on is null ${enrolledHere})`;
  }
}

/**
 * A filter on personal data applies only to rows whose data the principal sees unmasked: otherwise
 * `name: "Иванов"` or `missingField: SNILS` would tell a depersonalized card's name or SNILS apart.
 */
function filterSql(filter: PersonFilter, policy: PeoplePolicy): SQL[] {
  const piiVisible = sql`(${CONSENTED_SQL} and ${policy.personsWithScope('pii:read')})`;
  const conditions: SQL[] = [];
  if (filter.kind) {
    conditions.push(kindSql(filter.kind, filter.organizationId));
  } else if (filter.organizationId) {
    conditions.push(sql`(exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID}
      and e.ended_on is null and e.organization_id = ${filter.organizationId})
      or exists (select 1 from people.employments m where m.person_id = ${PERSON_ID}
      and m.ended_on is null and m.organization_id = ${filter.organizationId}))`);
  }
  if (filter.classId) {
    conditions.push(sql`exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID}
      and e.ended_on is null and e.class_id = ${filter.classId})`);
  }
  if (filter.name?.trim()) {
    const words = filter.name.trim().toLowerCase().replaceAll('ё', 'е').split(/\s+/);
    for (const word of words) conditions.push(ilike(persons.normalizedName, `%${word.replace(/[%_\\]/g, '\\$&')}%`));
    conditions.push(NAME_VISIBLE_SQL);
  }
  if (filter.hasMissingFields === true) conditions.push(piiVisible, hasMissingFieldsSql());
  if (filter.hasMissingFields === false) conditions.push(piiVisible, sql`not ${hasMissingFieldsSql()}`);
  if (filter.missingField) conditions.push(piiVisible, missingFieldSql(filter.missingField));
  return conditions;
}

function visibleWhere(policy: PeoplePolicy, filter: PersonFilter): SQL {
  return and(isNull(persons.mergedInto), policy.personsWithScope('person:read'), ...filterSql(filter, policy)) as SQL;
}

/** Keyset page ordered by the visible normalized full name (masked names last), then id. */
export function listPersons(db: Executor, policy: PeoplePolicy, filter: PersonFilter, page: Page) {
  const after = page.after
    ? sql`(${MASKED_SORT}, ${NAME_SORT}, ${persons.id}) > (${page.after.masked}::boolean, ${page.after.name}::text, ${page.after.id}::uuid)`
    : undefined;
  return db
    .select({
      ...personColumns(policy),
      maskedSort: sql<boolean>`${MASKED_SORT}`.as('masked_sort'),
      nameSort: sql<string>`${NAME_SORT}`.as('name_sort'),
    })
    .from(persons)
    .where(and(visibleWhere(policy, filter), after))
    .orderBy(asc(MASKED_SORT), asc(NAME_SORT), asc(persons.id))
    .limit(page.first + 1);
}

export type ListedPersonRow = Awaited<ReturnType<typeof listPersons>>[number];

export const keyOf = (row: ListedPersonRow): PersonKey => ({ masked: row.maskedSort, name: row.nameSort, id: row.id });

export async function countPersons(db: Executor, policy: PeoplePolicy, filter: PersonFilter): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(persons)
    .where(visibleWhere(policy, filter));
  return row?.count ?? 0;
}

/** Guardian → child links for many guardians at once (row scope is applied when the children load). */
export function childLinks(db: Executor, guardianIds: readonly string[]) {
  return db
    .select({ guardianId: guardianships.guardianId, childId: guardianships.childId })
    .from(guardianships)
    .where(inArray(guardianships.guardianId, [...guardianIds]));
}

export function guardianLinks(db: Executor, childIds: readonly string[]) {
  return db
    .select({ guardianId: guardianships.guardianId, childId: guardianships.childId })
    .from(guardianships)
    .where(inArray(guardianships.childId, [...childIds]));
}

export function currentEnrolments(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(enrolments)
    .where(and(inArray(enrolments.personId, [...personIds]), isNull(enrolments.endedOn)));
}

export type EnrolmentRow = Awaited<ReturnType<typeof currentEnrolments>>[number];

// Writes of cards (DOMAIN.md rules 6, 8, 9), in the caller's transaction.

/** A live (not merged) card with the SNILS, other than `exceptId`. */
export async function liveCardWithSnils(
  tx: Executor,
  snils: string,
  exceptId: string | null,
): Promise<{ id: string } | undefined> {
  const other = exceptId ? ne(persons.id, exceptId) : undefined;
  const [found] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.snils, snils), isNull(persons.mergedInto), other));
  return found;
}

/** A live (not merged) card with the identity document, other than `exceptId`. */
export async function liveCardWithDocument(
  tx: Executor,
  document: { type: NonNullable<PersonInsert['documentType']>; series: string | null; number: string },
  exceptId: string | null,
): Promise<{ id: string } | undefined> {
  const other = exceptId ? ne(persons.id, exceptId) : undefined;
  const [found] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        eq(persons.documentType, document.type),
        sql`${persons.documentSeries} is not distinct from ${document.series}`,
        eq(persons.documentNumber, document.number),
        isNull(persons.mergedInto),
        other,
      ),
    );
  return found;
}

/** The organization, if it is within `writable` (the policy's organizations with a scope). */
export async function writableOrganization(
  tx: Executor,
  writable: SQL,
  organizationId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), writable));
  return row;
}

/** Live cards with consent to processing of the same normalized name and birth date. */
export async function countConsentedNamesakes(
  tx: Executor,
  normalizedName: string,
  birthDate: string,
): Promise<number> {
  const [{ count }] = (await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(persons)
    .where(
      and(
        eq(persons.normalizedName, normalizedName),
        eq(persons.birthDate, birthDate),
        isNull(persons.mergedInto),
        CONSENTED_SQL,
      ),
    )) as [{ count: number }];
  return count;
}

type PersonInsert = typeof persons.$inferInsert;

export async function insertPerson(tx: Executor, values: PersonInsert): Promise<{ id: string }> {
  const [created] = await tx.insert(persons).values(values).returning({ id: persons.id });
  return created!;
}

/** A paper consent to processing that staff register with the card (who registered it goes to history). */
export async function insertPaperProcessingConsent(tx: Executor, personId: string): Promise<void> {
  await tx.insert(consents).values({ personId, kind: 'PROCESSING', grantedBy: null });
}

/** A live card readable under `readable`, locked for its change, with whether it is within `writable`. */
export async function lockReadablePerson(tx: Executor, id: string, scope: { readable: SQL; writable: SQL }) {
  const [current] = await tx
    .select({ row: persons, canWrite: sql<boolean>`${scope.writable}` })
    .from(persons)
    .where(and(eq(persons.id, id), isNull(persons.mergedInto), scope.readable))
    .for('update');
  return current;
}

export async function updatePersonRow(tx: Executor, id: string, set: Partial<PersonInsert>): Promise<void> {
  await tx.update(persons).set(set).where(eq(persons.id, id));
}

/**
 * ЕПГУ's match of a child for a ПФДО certificate (issue 11, rule 19): the person whose SNILS and birth date
 * both equal what the application carries. Answers the id only — no name, no other field — to a service
 * account holding `extra:intake`; a SNILS alone never finds anybody (both must match), and a merged-away
 * duplicate is never answered (rule 8: the kept record is the one person).
 */
export async function personIdBySnils(db: Executor, snils: string, birthDate: string): Promise<string | null> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.snils, normalizeSnils(snils)), eq(persons.birthDate, birthDate), isNull(persons.mergedInto)))
    .limit(1);
  return row?.id ?? null;
}
