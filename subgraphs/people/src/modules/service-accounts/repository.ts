/** External systems and their operation manifests: the SQL (issue 14 §1). */
import { tables, type Executor } from '@region/db';
import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';

const { serviceAccounts, operationManifests } = tables;

export type ServiceAccountRow = typeof serviceAccounts.$inferSelect;
export type OperationManifestRow = typeof operationManifests.$inferSelect;

export function allServiceAccounts(tx: Executor): Promise<ServiceAccountRow[]> {
  return tx.select().from(serviceAccounts).orderBy(serviceAccounts.clientId);
}

/** The account, locked: concurrent registrations of one account take their version numbers in turn. */
export async function lockServiceAccount(tx: Executor, clientId: string): Promise<ServiceAccountRow | undefined> {
  const [account] = await tx.select().from(serviceAccounts).where(eq(serviceAccounts.clientId, clientId)).for('update');
  return account;
}

export async function nextManifestVersion(tx: Executor, serviceAccountId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(operationManifests.version) })
    .from(operationManifests)
    .where(eq(operationManifests.serviceAccountId, serviceAccountId));
  return (row?.last ?? 0) + 1;
}

export async function insertManifest(
  tx: Executor,
  values: { serviceAccountId: string; version: number; manifest: unknown; registeredBy: string | null },
): Promise<OperationManifestRow> {
  const [row] = await tx.insert(operationManifests).values(values).returning();
  return row!;
}

/** Makes one version the active one (and no other): the partial unique index holds one per account. */
export async function activateManifest(
  tx: Executor,
  serviceAccountId: string,
  version: number,
  at: Date,
): Promise<OperationManifestRow | undefined> {
  await tx
    .update(operationManifests)
    .set({ active: false })
    .where(
      and(
        eq(operationManifests.serviceAccountId, serviceAccountId),
        eq(operationManifests.active, true),
        sql`${operationManifests.version} <> ${version}`,
      ),
    );
  const [row] = await tx
    .update(operationManifests)
    .set({
      active: true,
      activatedAt: sql`coalesce(${operationManifests.activatedAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(operationManifests.serviceAccountId, serviceAccountId), eq(operationManifests.version, version)))
    .returning();
  return row;
}

export function manifestsOf(tx: Executor, serviceAccountIds: readonly string[]): Promise<OperationManifestRow[]> {
  return tx
    .select()
    .from(operationManifests)
    .where(inArray(operationManifests.serviceAccountId, [...serviceAccountIds]))
    .orderBy(desc(operationManifests.version));
}

/** The active manifest of a live account, for the gateway. */
export async function activeManifestOf(tx: Executor, serviceAccountId: string) {
  const [row] = await tx
    .select({ version: operationManifests.version, manifest: operationManifests.manifest })
    .from(operationManifests)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, operationManifests.serviceAccountId))
    .where(
      and(
        eq(operationManifests.serviceAccountId, serviceAccountId),
        eq(operationManifests.active, true),
        isNull(serviceAccounts.disabledAt),
      ),
    );
  return row;
}
