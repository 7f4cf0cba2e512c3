/** Role grants: their SQL (STYLE.md: repositories are plain functions; the rules live in service.ts). */
import { tables, type Executor } from '@region/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';

const { roleGrants, persons, organizations } = tables;

export type GrantRow = typeof roleGrants.$inferSelect;

export async function municipalityOfOrganization(tx: Executor, organizationId: string) {
  const [organization] = await tx
    .select({ municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return organization;
}

export async function liveCardExists(tx: Executor, personId: string): Promise<boolean> {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, personId), isNull(persons.mergedInto)));
  return person !== undefined;
}

/** The person's grants of a role in force, with their territories. */
export function activeGrantsOfRole(tx: Executor, personId: string, role: GrantRow['role']) {
  return tx
    .select({
      id: roleGrants.id,
      territory: roleGrants.territory,
      municipalityId: roleGrants.municipalityId,
      organizationId: roleGrants.organizationId,
      classId: roleGrants.classId,
    })
    .from(roleGrants)
    .where(and(eq(roleGrants.personId, personId), eq(roleGrants.role, role), isNull(roleGrants.withdrawnAt)));
}

export async function insertGrant(tx: Executor, values: typeof roleGrants.$inferInsert): Promise<GrantRow> {
  const [created] = await tx.insert(roleGrants).values(values).returning();
  return created!;
}

/** A grant in force, locked against a concurrent withdrawal. */
export async function activeGrantForUpdate(tx: Executor, id: string) {
  const [grant] = await tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, id), isNull(roleGrants.withdrawnAt)))
    .for('update');
  return grant;
}

export async function markGrantWithdrawn(tx: Executor, id: string, at: Date): Promise<GrantRow> {
  const [withdrawn] = await tx.update(roleGrants).set({ withdrawnAt: at }).where(eq(roleGrants.id, id)).returning();
  return withdrawn!;
}

export function grantsOfPersons(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(roleGrants)
    .where(and(inArray(roleGrants.personId, [...personIds]), isNull(roleGrants.withdrawnAt)));
}
