/** Guardianship links: their SQL (STYLE.md: repositories are plain functions; the rules live in service.ts). */
import { tables, type Executor } from '@region/db';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';

const { persons, guardianships } = tables;

/** The live cards among `ids`, each with whether `canWrite` (a policy predicate over persons) holds for it. */
export function liveCardsWith(tx: Executor, ids: readonly string[], canWrite: SQL) {
  return tx
    .select({ id: persons.id, canWrite: sql<boolean>`${canWrite}` })
    .from(persons)
    .where(and(inArray(persons.id, [...ids]), isNull(persons.mergedInto)));
}

/** The new link, or `undefined` when the two are linked already. */
export async function insertGuardianship(tx: Executor, values: typeof guardianships.$inferInsert) {
  const [created] = await tx.insert(guardianships).values(values).onConflictDoNothing().returning();
  return created;
}

/** The removed link, or `undefined` when there was none. */
export async function deleteGuardianship(tx: Executor, guardianId: string, childId: string) {
  const [removed] = await tx
    .delete(guardianships)
    .where(and(eq(guardianships.guardianId, guardianId), eq(guardianships.childId, childId)))
    .returning();
  return removed;
}
