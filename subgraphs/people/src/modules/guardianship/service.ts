/**
 * Guardianship links (DOMAIN.md rule 4): a parent sees a child only when the records are linked, so
 * linking is a personal-data change, allowed to those who may write the child's card, and kept in history.
 */
import { conflict, forbidden, notFound, badInput } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import { deleteGuardianship, insertGuardianship, liveCardsWith } from './repository.ts';

async function checkPair(tx: Executor, policy: PeoplePolicy, guardianId: string, childId: string): Promise<void> {
  if (guardianId === childId)
    throw badInput('Человек не может быть законным представителем самого себя.', 'guardianId');
  const rows = await liveCardsWith(tx, [guardianId, childId], policy.personsWithScope('pii:write'));
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
    const created = await insertGuardianship(tx, { guardianId, childId, relation });
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
    const removed = await deleteGuardianship(tx, guardianId, childId);
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
