/**
 * Reads of person cards. Every read goes through the principal's row scope (`PeoplePolicy`) in SQL and
 * carries, per row, what the principal may see of it — so field checks need no further queries.
 */
import { qualified, tables, type Executor } from '@region/db';
import { and, asc, getTableColumns, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
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
    canReadPii: sql<boolean>`${policy.personsWithScope('pii:read')}`.as('can_read_pii'),
    canReadContacts: sql<boolean>`${policy.personsWithScope('contacts:read')}`.as('can_read_contacts'),
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
