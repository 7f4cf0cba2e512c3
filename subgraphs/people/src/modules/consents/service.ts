/**
 * Consents (seed 003 §4.4, DOMAIN.md rules 3 and 5): processing consent by the subject or a representative,
 * a parent's consent for a minor's ESIA login, withdrawal. Each change resolves the open requests and is
 * written to history in the same transaction.
 */
import { forbidden, notFound, type Principal } from '@region/kit';
import { tables, type Database, type Executor } from '@region/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';

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

function actorOf(principal: Principal): string | null {
  return principal.kind === 'PERSON' ? principal.personId : null;
}

export async function grantConsent(db: Database, policy: PeoplePolicy, personId: string, kind: ConsentKind, now: Date) {
  return db.transaction(async (tx) => {
    if (!(await mayManage(tx, policy, personId, kind))) {
      throw forbidden('Дать это согласие может только сам человек или его законный представитель.');
    }
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
