/**
 * Reads of person cards. Every read goes through the principal's row scope (`PeoplePolicy`) in SQL and
 * carries, per row, what the principal may see of it — so field checks need no further queries.
 */
import { qualified, tables, type Executor } from '@region/db';
import { and, asc, eq, getTableColumns, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import {
  hasMissingFieldsSql,
  KIND_SQL,
  missingFieldSql,
  type CardKind,
  type MandatoryField,
} from './mandatory-fields.ts';

const { persons, guardianships, enrolments } = tables;
const PERSON_ID = qualified(persons.id);

export function personColumns(policy: PeoplePolicy) {
  return {
    ...getTableColumns(persons),
    canReadPii: sql<boolean>`${policy.personsWithScope('pii:read')}`.as('can_read_pii'),
    canReadContacts: sql<boolean>`${policy.personsWithScope('contacts:read')}`.as('can_read_contacts'),
    canReadAudit: sql<boolean>`${policy.personsWithScope('audit:read')}`.as('can_read_audit'),
    canManageGrants: sql<boolean>`${policy.personsWithScope('grants:manage')}`.as('can_manage_grants'),
    // Rule 5: without consent to processing the person is depersonalized in every response.
    consented: sql<boolean>`exists (select 1 from people.consents c where c.person_id = ${PERSON_ID}
      and c.kind = 'PROCESSING' and c.withdrawn_at is null)`.as('consented'),
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

export interface Page {
  first: number;
  after: { name: string; id: string } | null;
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

function filterSql(filter: PersonFilter): SQL[] {
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
  }
  if (filter.hasMissingFields === true) conditions.push(hasMissingFieldsSql());
  if (filter.hasMissingFields === false) conditions.push(sql`not ${hasMissingFieldsSql()}`);
  if (filter.missingField) conditions.push(missingFieldSql(filter.missingField));
  return conditions;
}

function visibleWhere(policy: PeoplePolicy, filter: PersonFilter): SQL {
  return and(isNull(persons.mergedInto), policy.personsWithScope('person:read'), ...filterSql(filter)) as SQL;
}

/** Keyset page ordered by normalized full name, then id. */
export function listPersons(db: Executor, policy: PeoplePolicy, filter: PersonFilter, page: Page) {
  const after = page.after
    ? or(
        gt(persons.normalizedName, page.after.name),
        and(eq(persons.normalizedName, page.after.name), gt(persons.id, page.after.id)),
      )
    : undefined;
  return db
    .select(personColumns(policy))
    .from(persons)
    .where(and(visibleWhere(policy, filter), after))
    .orderBy(asc(persons.normalizedName), asc(persons.id))
    .limit(page.first + 1);
}

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
