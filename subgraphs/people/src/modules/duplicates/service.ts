/**
 * Duplicates (DOMAIN.md rule 8, seed 000: 37,335 duplicate parents): list records sharing a normalized
 * full name and birth date, and merge two of them so that one person has one record again.
 */
import { badInput, forbidden, notFound, regionDate } from '@region/kit';
import { qualified, tables, type Database, type Executor } from '@region/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import { CONSENTED_SQL } from '../persons/repository.ts';

const { persons } = tables;
const PERSON_ID = qualified(persons.id);

export interface DuplicateGroupRow {
  normalizedName: string;
  birthDate: string;
  ids: string[];
}

/**
 * Groups are formed from consented records only (rule 5): grouping by name and birth date is a filter on
 * personal data, and a depersonalized record in a group would be named by the group and its partner.
 */
export async function listDuplicates(
  db: Executor,
  policy: PeoplePolicy,
  filter: { organizationId?: string | null },
  page: { first: number; after: { name: string; birthDate: string } | null },
): Promise<DuplicateGroupRow[]> {
  const inOrganization = filter.organizationId
    ? sql`and bool_or(exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID} and e.ended_on is null
          and e.organization_id = ${filter.organizationId})
        or exists (select 1 from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
          where gs.guardian_id = ${PERSON_ID} and e.ended_on is null and e.organization_id = ${filter.organizationId})
        or exists (select 1 from people.employments m where m.person_id = ${PERSON_ID} and m.ended_on is null
          and m.organization_id = ${filter.organizationId}))`
    : sql``;
  const after = page.after
    ? sql`and (${persons.normalizedName}, ${persons.birthDate}) > (${page.after.name}, ${page.after.birthDate}::date)`
    : sql``;
  const rows = await db.execute<{ normalized_name: string; birth_date: string; ids: string[] }>(sql`
    select ${persons.normalizedName} as normalized_name, ${persons.birthDate}::text as birth_date,
           array_agg(${persons.id}::text order by ${persons.createdAt}, ${persons.id}) as ids
    from ${persons}
    where ${persons.mergedInto} is null and ${persons.birthDate} is not null and ${CONSENTED_SQL} ${after}
    group by ${persons.normalizedName}, ${persons.birthDate}
    having count(*) > 1 and bool_or(${policy.personsWithScope('duplicates:manage')}) ${inOrganization}
    order by ${persons.normalizedName}, ${persons.birthDate}
    limit ${page.first + 1}`);
  return rows.map((row) => ({ normalizedName: row.normalized_name, birthDate: row.birth_date, ids: row.ids }));
}

/** Card fields a merge fills on the kept record when it has none. */
const FILLABLE = [
  'middleName',
  'birthDate',
  'sex',
  'snils',
  'citizenship',
  'placeOfBirth',
  'registrationAddress',
  'residenceAddress',
  'phone',
  'email',
  'documentType',
  'documentSeries',
  'documentNumber',
  'documentIssuedOn',
  'educationForm',
  'movementFirst',
  'education',
] as const;

export async function mergePersons(
  db: Database,
  policy: PeoplePolicy,
  keepId: string,
  mergeId: string,
  now: Date,
): Promise<void> {
  if (keepId === mergeId) throw badInput('Нельзя объединить карточку саму с собой.', 'mergeId');
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ row: persons, canManage: sql<boolean>`${policy.personsWithScope('duplicates:manage')}` })
      .from(persons)
      .where(
        and(inArray(persons.id, [keepId, mergeId]), isNull(persons.mergedInto), policy.personsWithScope('person:read')),
      )
      .for('update');
    const keep = rows.find((r) => r.row.id === keepId);
    const merged = rows.find((r) => r.row.id === mergeId);
    if (!keep || !merged) throw notFound('Карточка');
    if (!keep.canManage || !merged.canManage) throw forbidden('Объединять можно только карточки своей организации.');

    await moveLinks(tx, keepId, mergeId, now);

    const actor = policy.personId;
    await tx.update(persons).set({ mergedInto: keepId, updatedAt: now }).where(eq(persons.id, mergeId));
    const fill: Record<string, unknown> = {};
    for (const field of FILLABLE) {
      if ((keep.row[field] === null || keep.row[field] === '') && merged.row[field] !== null)
        fill[field] = merged.row[field];
    }
    if (Object.keys(fill).length > 0)
      await tx
        .update(persons)
        .set({ ...fill, updatedAt: now })
        .where(eq(persons.id, keepId));
    await recordHistory(
      tx,
      { entity: 'person', entityId: mergeId, field: 'merged_into', oldValue: null, newValue: keepId, changedBy: actor },
      ...Object.entries(fill).map(([field, value]) => ({
        entity: 'person',
        entityId: keepId,
        field,
        oldValue: keep.row[field as keyof typeof keep.row] ?? null,
        newValue: value,
        changedBy: actor,
      })),
    );
  });
}

/** The kept record takes every link of the merged one; pairs it already has are dropped, not doubled. */
async function moveLinks(tx: Executor, keepId: string, mergeId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    delete from people.guardianships g where g.guardian_id = ${mergeId}
      and (g.child_id = ${keepId} or exists (select 1 from people.guardianships k where k.guardian_id = ${keepId} and k.child_id = g.child_id))`);
  await tx.execute(sql`update people.guardianships set guardian_id = ${keepId} where guardian_id = ${mergeId}`);
  await tx.execute(sql`
    delete from people.guardianships g where g.child_id = ${mergeId}
      and (g.guardian_id = ${keepId} or exists (select 1 from people.guardianships k where k.child_id = ${keepId} and k.guardian_id = g.guardian_id))`);
  await tx.execute(sql`update people.guardianships set child_id = ${keepId} where child_id = ${mergeId}`);
  await tx.execute(sql`update people.employments set person_id = ${keepId} where person_id = ${mergeId}`);
  await tx.execute(sql`update people.movements set person_id = ${keepId} where person_id = ${mergeId}`);
  // One current enrolment per learner: the kept record's stands, the merged one's is closed.
  await tx.execute(sql`
    update people.enrolments set ended_on = ${regionDate(now)}::date
    where person_id = ${mergeId} and ended_on is null
      and exists (select 1 from people.enrolments k where k.person_id = ${keepId} and k.ended_on is null)`);
  await tx.execute(sql`update people.enrolments set person_id = ${keepId} where person_id = ${mergeId}`);
  await tx.execute(sql`
    update people.consents set withdrawn_at = ${now.toISOString()}::timestamptz where person_id = ${mergeId} and withdrawn_at is null
      and exists (select 1 from people.consents k where k.person_id = ${keepId} and k.kind = consents.kind and k.withdrawn_at is null)`);
  await tx.execute(sql`update people.consents set person_id = ${keepId} where person_id = ${mergeId}`);
  await tx.execute(sql`
    update people.consent_requests set resolved_at = ${now.toISOString()}::timestamptz where person_id = ${mergeId} and resolved_at is null
      and exists (select 1 from people.consent_requests k where k.person_id = ${keepId} and k.kind = consent_requests.kind and k.resolved_at is null)`);
  await tx.execute(sql`update people.consent_requests set person_id = ${keepId} where person_id = ${mergeId}`);
  await tx.execute(sql`update people.esia_links set person_id = ${keepId} where person_id = ${mergeId}`);
  await tx.execute(sql`update people.role_grants set person_id = ${keepId} where person_id = ${mergeId}`);
}
