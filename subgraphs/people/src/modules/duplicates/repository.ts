/**
 * Duplicates' reads and writes (DOMAIN.md rule 8): groups of records sharing a normalized full name and birth
 * date, and the moves of a merge, in the caller's transaction.
 */
import { qualified, tables, type Executor } from '@region/db';
import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { CONSENTED_SQL } from '../persons/repository.ts';

const { persons } = tables;
const PERSON_ID = qualified(persons.id);

export interface DuplicateGroupRow {
  normalizedName: string;
  birthDate: string;
  ids: string[];
}

/**
 * Groups of live, consented records with a birth date, at least one of them within `managed`, in the order
 * of name and birth date after the cursor; with an organization, at least one of them is its learner (or a
 * learner's guardian) or member of staff.
 */
export async function duplicateGroups(
  db: Executor,
  managed: SQL,
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
    having count(*) > 1 and bool_or(${managed}) ${inOrganization}
    order by ${persons.normalizedName}, ${persons.birthDate}
    limit ${page.first + 1}`);
  return rows.map((row) => ({ normalizedName: row.normalized_name, birthDate: row.birth_date, ids: row.ids }));
}

/** Live records by id readable under `readable`, locked for the merge, with whether each is within `manage`. */
export function lockLiveCards(tx: Executor, ids: readonly string[], scope: { readable: SQL; manage: SQL }) {
  return tx
    .select({ row: persons, canManage: sql<boolean>`${scope.manage}` })
    .from(persons)
    .where(and(inArray(persons.id, [...ids]), isNull(persons.mergedInto), scope.readable))
    .for('update');
}

/** The kept record takes every link of the merged one; pairs it already has are dropped, not doubled. */
export async function moveLinks(
  tx: Executor,
  keepId: string,
  mergeId: string,
  at: { now: Date; today: string },
): Promise<void> {
  const { now, today } = at;
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
    update people.enrolments set ended_on = ${today}::date
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
