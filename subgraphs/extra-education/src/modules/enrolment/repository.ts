/**
 * Applications to extra-education groups and contracts (issue 11; DOMAIN.md rules 19a, 20): their SQL.
 * Row scope comes from `scope.ts` as predicates, so lists are filtered in SQL (DESIGN.md, access model).
 */
import { extraEducationTables, type Executor } from '@region/db';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';

const { applications, applicationStatusHistory, contracts, certificates, ledgerEntries } = extraEducationTables;

export type ApplicationRow = typeof applications.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type StatusChangeRow = typeof applicationStatusHistory.$inferSelect;
export type ApplicationStatus = ApplicationRow['status'];
export type PaymentMethod = ContractRow['paymentMethod'];

/** Keyset of the lists: newest first, then by id. */
export interface Cursor {
  at: string;
  id: string;
}

export function listApplications(
  db: Executor,
  scope: SQL,
  filter: { organizationId?: string | null; status?: ApplicationStatus | null },
  page: { first: number; after: Cursor | null },
) {
  const after = page.after
    ? or(
        lt(applications.createdAt, new Date(page.after.at)),
        and(eq(applications.createdAt, new Date(page.after.at)), sql`${applications.id} > ${page.after.id}`),
      )
    : undefined;
  return db
    .select()
    .from(applications)
    .where(and(...applicationConditions(scope, filter), after))
    .orderBy(desc(applications.createdAt), asc(applications.id))
    .limit(page.first + 1);
}

function applicationConditions(
  scope: SQL,
  filter: { organizationId?: string | null; status?: ApplicationStatus | null },
): SQL[] {
  const conditions = [scope];
  if (filter.organizationId) conditions.push(eq(applications.organizationId, filter.organizationId));
  if (filter.status) conditions.push(eq(applications.status, filter.status));
  return conditions;
}

export async function countApplications(
  db: Executor,
  scope: SQL,
  filter: { organizationId?: string | null; status?: ApplicationStatus | null },
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(applications)
    .where(and(...applicationConditions(scope, filter)));
  return row?.count ?? 0;
}

function contractConditions(scope: SQL, filter: { organizationId?: string | null; active?: boolean | null }): SQL[] {
  const conditions = [scope];
  if (filter.organizationId) conditions.push(eq(contracts.organizationId, filter.organizationId));
  if (filter.active === true) conditions.push(isNull(contracts.endedOn));
  if (filter.active === false) conditions.push(isNotNull(contracts.endedOn));
  return conditions;
}

export function listContracts(
  db: Executor,
  scope: SQL,
  filter: { organizationId?: string | null; active?: boolean | null },
  page: { first: number; after: Cursor | null },
) {
  const after = page.after
    ? or(
        lt(contracts.createdAt, new Date(page.after.at)),
        and(eq(contracts.createdAt, new Date(page.after.at)), sql`${contracts.id} > ${page.after.id}`),
      )
    : undefined;
  return db
    .select()
    .from(contracts)
    .where(and(...contractConditions(scope, filter), after))
    .orderBy(desc(contracts.createdAt), asc(contracts.id))
    .limit(page.first + 1);
}

export async function countContracts(
  db: Executor,
  scope: SQL,
  filter: { organizationId?: string | null; active?: boolean | null },
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contracts)
    .where(and(...contractConditions(scope, filter)));
  return row?.count ?? 0;
}

export function loadApplications(db: Executor, scope: SQL, ids: readonly string[]) {
  return db
    .select()
    .from(applications)
    .where(and(inArray(applications.id, [...ids]), scope));
}

export function loadContracts(db: Executor, scope: SQL, ids: readonly string[]) {
  return db
    .select()
    .from(contracts)
    .where(and(inArray(contracts.id, [...ids]), scope));
}

export function applicationsOfChildren(db: Executor, scope: SQL, childIds: readonly string[]) {
  return db
    .select()
    .from(applications)
    .where(and(inArray(applications.childId, [...childIds]), scope))
    .orderBy(desc(applications.createdAt), asc(applications.id));
}

export function contractsOfChildren(db: Executor, scope: SQL, childIds: readonly string[]) {
  return db
    .select()
    .from(contracts)
    .where(and(inArray(contracts.childId, [...childIds]), scope))
    .orderBy(desc(contracts.concludedOn), asc(contracts.id));
}

/** Contracts of applications (one each at most), within the read scope of contracts. */
export function contractsOfApplications(db: Executor, scope: SQL, applicationIds: readonly string[]) {
  return db
    .select()
    .from(contracts)
    .where(and(inArray(contracts.applicationId, [...applicationIds]), scope));
}

export function historyOf(db: Executor, applicationIds: readonly string[]) {
  return db
    .select()
    .from(applicationStatusHistory)
    .where(inArray(applicationStatusHistory.applicationId, [...applicationIds]))
    .orderBy(asc(applicationStatusHistory.changedAt), asc(applicationStatusHistory.id));
}

/** Codes of certificates by id. */
export function certificateCodes(db: Executor, ids: readonly string[]) {
  return db
    .select({ id: certificates.id, code: certificates.code })
    .from(certificates)
    .where(inArray(certificates.id, [...ids]));
}

/** A contract's money on its certificate: reserved (Σ RESERVE), charged (Σ CHARGE), remaining reserve. */
export function contractMoney(db: Executor, contractIds: readonly string[]) {
  const sum = (kind: string) =>
    sql`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = ${kind}), 0)`;
  return db
    .select({
      contractId: sql<string>`${ledgerEntries.contractId}`,
      reserved: sql<string>`(${sum('RESERVE')})::numeric(12,2)::text`,
      charged: sql<string>`(${sum('CHARGE')})::numeric(12,2)::text`,
      remaining: sql<string>`(${sum('RESERVE')} - ${sum('CHARGE')} - ${sum('RELEASE')})::numeric(12,2)::text`,
    })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.contractId, [...contractIds]))
    .groupBy(ledgerEntries.contractId);
}
