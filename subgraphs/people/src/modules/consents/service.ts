/**
 * Consents (seed 003 §4.4, DOMAIN.md rules 3 and 5): processing consent by the subject or a representative,
 * a parent's consent for a minor's ESIA login, withdrawal. Each change resolves the open requests and is
 * written to history in the same transaction.
 */
import { conflict, forbidden, notFound, type Principal } from '@region/kit';
import { tables, type Database, type Executor } from '@region/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import { loginAge } from '../login/age.ts';

const { persons, consents, consentRequests } = tables;

export type ConsentKind = (typeof consents.$inferSelect)['kind'];

async function mayManage(tx: Executor, policy: PeoplePolicy, personId: string, kind: ConsentKind): Promise<boolean> {
  const self = policy.personId === personId;
  // A minor cannot consent to their own login: that is exactly what the parent's consent is for.
  if (self && kind === 'MINOR_LOGIN') return false;
  const [row] = await tx
    .select({
      exists: sql<boolean>`true`,
      manage: sql<boolean>`${policy.personsWithScope('consent:manage')}`,
    })
    .from(persons)
    .where(and(eq(persons.id, personId), isNull(persons.mergedInto)));
  if (!row) throw notFound('Лицо');
  return row.manage || self;
}

/**
 * A parent's consent to a minor's own login exists only for 14–17 (rules 3 and 5a): under 14 ESIA has no
 * account of the child's own, and from 18 the person decides alone.
 */
async function assertMinorLoginAge(tx: Executor, personId: string, now: Date): Promise<void> {
  const [person] = await tx.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  if (!person?.birthDate) {
    throw conflict('В карточке не указана дата рождения: согласие на вход несовершеннолетнего дать нельзя.', {
      reason: 'BIRTH_DATE_MISSING',
    });
  }
  switch (loginAge(person.birthDate, now)) {
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
    const [created] = await tx
      .insert(consents)
      .values({ personId, kind, grantedBy: actor, grantedAt: now })
      .onConflictDoNothing()
      .returning();
    await tx
      .update(consentRequests)
      .set({ resolvedAt: now })
      .where(
        and(eq(consentRequests.personId, personId), eq(consentRequests.kind, kind), isNull(consentRequests.resolvedAt)),
      );
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
    const [active] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.personId, personId), eq(consents.kind, kind), isNull(consents.withdrawnAt)));
    return active!;
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
    const [withdrawn] = await tx
      .update(consents)
      .set({ withdrawnAt: now, withdrawnBy: actor })
      .where(and(eq(consents.personId, personId), eq(consents.kind, kind), isNull(consents.withdrawnAt)))
      .returning();
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

/** Open requests for the children of a guardian: what the parent's cabinet shows (rule 3). */
export function openRequestsForGuardian(db: Executor, guardianId: string) {
  return db
    .select({
      id: consentRequests.id,
      personId: consentRequests.personId,
      kind: consentRequests.kind,
      requestedAt: consentRequests.requestedAt,
    })
    .from(consentRequests)
    .innerJoin(tables.guardianships, eq(tables.guardianships.childId, consentRequests.personId))
    .where(and(eq(tables.guardianships.guardianId, guardianId), isNull(consentRequests.resolvedAt)));
}

export function consentsOf(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(consents)
    .where(sql`${consents.personId} in ${personIds}`);
}

export type ConsentRequestRow = Awaited<ReturnType<typeof openRequestsForGuardian>>[number];
