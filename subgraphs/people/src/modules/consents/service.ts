/**
 * Consents (seed 003 §4.4, DOMAIN.md rules 3 and 5): processing consent by the subject or a representative,
 * a parent's consent for a minor's ESIA login, withdrawal. Each change resolves the open requests and is
 * written to history in the same transaction.
 */
import { conflict, forbidden, notFound, type Principal } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import { loginAge } from '../login/age.ts';
import {
  activeConsent,
  birthDateOf,
  insertConsent,
  liveCardWith,
  resolveOpenRequests,
  withdrawActiveConsent,
  type ConsentKind,
} from './repository.ts';

export { consentsOf, openRequestsForGuardian, type ConsentKind, type ConsentRequestRow } from './repository.ts';

async function mayManage(tx: Executor, policy: PeoplePolicy, personId: string, kind: ConsentKind): Promise<boolean> {
  const self = policy.personId === personId;
  // A minor cannot consent to their own login: that is exactly what the parent's consent is for.
  if (self && kind === 'MINOR_LOGIN') return false;
  const row = await liveCardWith(tx, personId, policy.personsWithScope('consent:manage'));
  if (!row) throw notFound('Лицо');
  return row.manage || self;
}

/**
 * A parent's consent to a minor's own login exists only for 14–17 (rules 3 and 5a): under 14 ESIA has no
 * account of the child's own, and from 18 the person decides alone.
 */
async function assertMinorLoginAge(tx: Executor, personId: string, now: Date): Promise<void> {
  const birthDate = await birthDateOf(tx, personId);
  if (!birthDate) {
    throw conflict('В карточке не указана дата рождения: согласие на вход несовершеннолетнего дать нельзя.', {
      reason: 'BIRTH_DATE_MISSING',
    });
  }
  switch (loginAge(birthDate, now)) {
    case 'UNDER_14':
      throw conflict(
        'Ребёнку нет 14 лет: сам он в систему не входит, и согласие на его вход не нужно. Сведения о ребёнке вы видите в своём кабинете.',
        { reason: 'CHILD_UNDER_14' },
      );
    case 'ADULT':
      throw conflict('Человеку уже 18 лет: согласие родителя на вход не требуется.', { reason: 'ADULT' });
    case 'MINOR':
      return;
  }
}

function actorOf(principal: Principal): string | null {
  return principal.kind === 'PERSON' ? principal.personId : null;
}

export async function grantConsent(db: Database, policy: PeoplePolicy, personId: string, kind: ConsentKind, now: Date) {
  return db.transaction(async (tx) => {
    if (!(await mayManage(tx, policy, personId, kind))) {
      throw forbidden('Дать это согласие может только сам человек или его законный представитель.');
    }
    if (kind === 'MINOR_LOGIN') await assertMinorLoginAge(tx, personId, now);
    const actor = actorOf(policy.principal);
    const created = await insertConsent(tx, { personId, kind, grantedBy: actor, grantedAt: now });
    await resolveOpenRequests(tx, personId, kind, now);
    if (created) {
      await recordHistory(tx, {
        entity: 'consent',
        entityId: personId,
        field: kind,
        oldValue: null,
        newValue: 'GRANTED',
        changedBy: actor,
      });
      return created;
    }
    return (await activeConsent(tx, personId, kind))!;
  });
}

export async function withdrawConsent(
  db: Database,
  policy: PeoplePolicy,
  personId: string,
  kind: ConsentKind,
  now: Date,
) {
  return db.transaction(async (tx) => {
    if (!(await mayManage(tx, policy, personId, kind))) {
      throw forbidden('Отозвать это согласие может только сам человек или его законный представитель.');
    }
    const actor = actorOf(policy.principal);
    const withdrawn = await withdrawActiveConsent(tx, personId, kind, now, actor);
    if (!withdrawn) throw notFound('Действующее согласие');
    await recordHistory(tx, {
      entity: 'consent',
      entityId: personId,
      field: kind,
      oldValue: 'GRANTED',
      newValue: 'WITHDRAWN',
      changedBy: actor,
    });
    return withdrawn;
  });
}
