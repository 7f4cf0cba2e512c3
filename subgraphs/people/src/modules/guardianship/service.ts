/**
 * Guardianship links (DOMAIN.md rule 4): a parent sees a child only when the records are linked, so
 * linking is a personal-data change, allowed to those who may write the child's card, and kept in history.
 */
import { conflict, forbidden, notFound, badInput } from '@region/kit';
import { tables, type Database, type Executor } from '@region/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';

const { persons, guardianships } = tables;

async function checkPair(tx: Executor, policy: PeoplePolicy, guardianId: string, childId: string): Promise<void> {
  if (guardianId === childId)
    throw badInput('Человек не может быть законным представителем самого себя.', 'guardianId');
  const rows = await tx
    .select({ id: persons.id, canWrite: sql<boolean>`${policy.personsWithScope('pii:write')}` })
    .from(persons)
    .where(and(inArray(persons.id, [guardianId, childId]), isNull(persons.mergedInto)));
  const child = rows.find((row) => row.id === childId);
  if (!child || !rows.some((row) => row.id === guardianId)) throw notFound('Человек');
  if (!child.canWrite) throw forbidden('Связывать с ребёнком может только его организация.');
}

export async function linkGuardian(
  db: Database,
  policy: PeoplePolicy,
  guardianId: string,
  childId: string,
  relation: string,
) {
  return db.transaction(async (tx) => {
    await checkPair(tx, policy, guardianId, childId);
    const [created] = await tx
      .insert(guardianships)
      .values({ guardianId, childId, relation })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict('Эти люди уже связаны.');
    await recordHistory(tx, {
      entity: 'guardianship',
      entityId: childId,
      field: 'guardian',
      oldValue: null,
      newValue: { guardianId, relation },
      changedBy: policy.personId,
    });
  });
}

export async function unlinkGuardian(db: Database, policy: PeoplePolicy, guardianId: string, childId: string) {
  return db.transaction(async (tx) => {
    await checkPair(tx, policy, guardianId, childId);
    const [removed] = await tx
      .delete(guardianships)
      .where(and(eq(guardianships.guardianId, guardianId), eq(guardianships.childId, childId)))
      .returning();
    if (!removed) throw notFound('Связь');
    await recordHistory(tx, {
      entity: 'guardianship',
      entityId: childId,
      field: 'guardian',
      oldValue: { guardianId, relation: removed.relation },
      newValue: null,
      changedBy: policy.personId,
    });
  });
}
