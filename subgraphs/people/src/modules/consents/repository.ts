/** Consents and consent requests: their SQL (STYLE.md: repositories are plain functions). */
import { tables, type Executor } from '@region/db';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';

const { persons, consents, consentRequests, guardianships } = tables;

export type ConsentKind = (typeof consents.$inferSelect)['kind'];

/** A live card (not merged), and whether `manage` (a policy predicate over persons) holds for it. */
export async function liveCardWith(tx: Executor, personId: string, manage: SQL) {
  const [row] = await tx
    .select({ exists: sql<boolean>`true`, manage: sql<boolean>`${manage}` })
    .from(persons)
    .where(and(eq(persons.id, personId), isNull(persons.mergedInto)));
  return row;
}

export async function birthDateOf(tx: Executor, personId: string): Promise<string | null> {
  const [person] = await tx.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  return person?.birthDate ?? null;
}

const active = (personId: string, kind: ConsentKind) =>
  and(eq(consents.personId, personId), eq(consents.kind, kind), isNull(consents.withdrawnAt));

/** The new consent, or `undefined` when one is in force already. */
export async function insertConsent(tx: Executor, values: typeof consents.$inferInsert) {
  const [created] = await tx.insert(consents).values(values).onConflictDoNothing().returning();
  return created;
}

export async function activeConsent(tx: Executor, personId: string, kind: ConsentKind) {
  const [row] = await tx.select().from(consents).where(active(personId, kind));
  return row;
}

export async function hasActiveConsent(tx: Executor, personId: string, kind: ConsentKind): Promise<boolean> {
  const [row] = await tx.select({ id: consents.id }).from(consents).where(active(personId, kind));
  return row !== undefined;
}

/** Withdraws the consent in force; `undefined` when there is none. */
export async function withdrawActiveConsent(
  tx: Executor,
  personId: string,
  kind: ConsentKind,
  at: Date,
  by: string | null,
) {
  const [withdrawn] = await tx
    .update(consents)
    .set({ withdrawnAt: at, withdrawnBy: by })
    .where(active(personId, kind))
    .returning();
  return withdrawn;
}

/** A request for a consent, shown in the parent's cabinet; an open one is not repeated (false). */
export async function requestConsent(tx: Executor, personId: string, kind: ConsentKind, at: Date): Promise<boolean> {
  const rows = await tx
    .insert(consentRequests)
    .values({ personId, kind, requestedAt: at })
    .onConflictDoNothing()
    .returning({ personId: consentRequests.personId });
  return rows.length > 0;
}

export async function resolveOpenRequests(tx: Executor, personId: string, kind: ConsentKind, at: Date) {
  await tx
    .update(consentRequests)
    .set({ resolvedAt: at })
    .where(
      and(eq(consentRequests.personId, personId), eq(consentRequests.kind, kind), isNull(consentRequests.resolvedAt)),
    );
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
    .innerJoin(guardianships, eq(guardianships.childId, consentRequests.personId))
    .where(and(eq(guardianships.guardianId, guardianId), isNull(consentRequests.resolvedAt)));
}

export function consentsOf(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(consents)
    .where(sql`${consents.personId} in ${personIds}`);
}

export type ConsentRequestRow = Awaited<ReturnType<typeof openRequestsForGuardian>>[number];
