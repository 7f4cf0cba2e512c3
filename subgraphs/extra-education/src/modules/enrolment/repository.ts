/**
 * Applications to extra-education groups and contracts (issue 11; DOMAIN.md rules 19a, 20): their SQL.
 * Row scope comes from `ExtraEducationPolicy` (`src/policy.ts`) as predicates, so lists are filtered in SQL (DESIGN.md, access model).
 */
import { extraEducationTables, type Executor } from '@region/db';
import type { LinkPayload } from '../../outbox/table.ts';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';

const { applications, applicationStatusHistory, contracts, certificates, groups, ledgerEntries, outbox, peopleOutbox } =
  extraEducationTables;

export type ApplicationRow = typeof applications.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type StatusChangeRow = typeof applicationStatusHistory.$inferSelect;
export type ApplicationStatus = ApplicationRow['status'];
export type PaymentMethod = ContractRow['paymentMethod'];

/** A consent `@requires` brought with a representation (people's `ProcessingConsent { granted }`). */
export type ConsentRequirement = { granted?: boolean | null } | null | undefined;
/** The reference a row hands to people for its child's consent. */
export interface ConsentRef {
  personId: string;
}
/** A row as `__resolveReference` returns it: with the consent `@requires` brought, when it was planned. */
export type ApplicationWithConsent = ApplicationRow & { childConsent?: ConsentRequirement };
export type ContractWithConsent = ContractRow & { childConsent?: ConsentRequirement };

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

/* Writes: each called inside the mutation's transaction. */

/**
 * The programme a group belongs to, read unlocked: the caller locks programme then group, in the
 * catalogue's order (programme → group).
 */
export async function programmeIdOfGroup(tx: Executor, groupId: string): Promise<string | null> {
  const [found] = await tx.execute<{ programme_id: string }>(
    sql`select programme_id from extra_education.groups where id = ${groupId}`,
  );
  return found ? found.programme_id : null;
}

export async function lockApplication(tx: Executor, id: string): Promise<ApplicationRow | null> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  return row ?? null;
}

export async function lockContract(tx: Executor, id: string): Promise<ContractRow | null> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, id)).for('update');
  return row ?? null;
}

/** The child's open (SUBMITTED or ACCEPTED) application to the group, if any. */
export async function openApplication(tx: Executor, groupId: string, childId: string) {
  const [row] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.groupId, groupId),
        eq(applications.childId, childId),
        inArray(applications.status, ['SUBMITTED', 'ACCEPTED']),
      ),
    );
  return row ?? null;
}

export async function insertApplication(
  tx: Executor,
  values: Omit<typeof applications.$inferInsert, 'id'>,
): Promise<ApplicationRow> {
  const [row] = await tx.insert(applications).values(values).returning();
  return row!;
}

/** Sets the status and records the change (who, when, from, to, why). */
export async function changeStatus(
  tx: Executor,
  row: ApplicationRow,
  change: { status: ApplicationStatus; reason: string | null; changedBy: string | null; refusalReason?: string },
): Promise<ApplicationRow> {
  const [updated] = await tx
    .update(applications)
    .set({
      status: change.status,
      ...(change.refusalReason !== undefined ? { refusalReason: change.refusalReason } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(applications.id, row.id))
    .returning();
  await recordStatus(tx, {
    applicationId: row.id,
    fromStatus: row.status,
    toStatus: change.status,
    reason: change.reason,
    changedBy: change.changedBy,
  });
  return updated!;
}

export async function recordStatus(tx: Executor, values: Omit<typeof applicationStatusHistory.$inferInsert, 'id'>) {
  await tx.insert(applicationStatusHistory).values({ ...values, changedAt: sql`clock_timestamp()` });
}

/** The child's certificate, if any. */
export async function certificateOfChild(tx: Executor, childId: string) {
  const [row] = await tx
    .select({ id: certificates.id, code: certificates.code })
    .from(certificates)
    .where(eq(certificates.personId, childId));
  return row ?? null;
}

export async function insertContract(
  tx: Executor,
  values: Omit<typeof contracts.$inferInsert, 'id'>,
): Promise<ContractRow> {
  const [row] = await tx.insert(contracts).values(values).returning();
  return row!;
}

export async function endContractRow(
  tx: Executor,
  id: string,
  end: { endedOn: string; endReason: string },
): Promise<ContractRow> {
  const [row] = await tx.update(contracts).set(end).where(eq(contracts.id, id)).returning();
  return row!;
}

/**
 * Active certificate contracts studying in a month (concluded by its last day, the group's period touching
 * it), in certificate order so the charging transaction locks certificates in one order.
 */
export function certificateContractsStudying(tx: Executor, monthStart: string, monthEnd: string) {
  return tx
    .select({
      id: contracts.id,
      certificateId: sql<string>`${contracts.certificateId}`,
      pricePerMonth: contracts.pricePerMonth,
    })
    .from(contracts)
    .innerJoin(groups, eq(groups.id, contracts.groupId))
    .where(
      and(
        eq(contracts.paymentMethod, 'CERTIFICATE'),
        isNull(contracts.endedOn),
        sql`${contracts.concludedOn} <= ${monthEnd}`,
        sql`${groups.startsOn} <= ${monthEnd}`,
        sql`${groups.endsOn} >= ${monthStart}`,
      ),
    )
    .orderBy(asc(contracts.certificateId), asc(contracts.id));
}

/** least(a, b) and a × n of decimal strings, computed by PostgreSQL (never floats). */
export async function moneyOps(db: Executor, a: string, b: string, n: number) {
  const [row] = await db.execute<{ least: string; product: string; positive: boolean }>(
    sql`select least(${a}::numeric, ${b}::numeric)::numeric(12,2)::text as least,
      (${a}::numeric * ${n})::numeric(12,2)::text as product,
      least(${a}::numeric, ${b}::numeric) > 0 as positive`,
  );
  return row!;
}

/** Σ of decimal strings, by PostgreSQL. */
export async function moneySum(db: Executor, amounts: readonly string[]): Promise<string> {
  if (amounts.length === 0) return '0.00';
  const [row] = await db.execute<{ total: string }>(
    sql`select (${sql.join(
      amounts.map((a) => sql`${a}::numeric`),
      sql` + `,
    )})::numeric(12,2)::text as total`,
  );
  return row!.total;
}

export async function enqueue(
  tx: Executor,
  contractId: string,
  event: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.insert(outbox).values({ contractId, event, payload });
}

/** A change of the organization ↔ child link for people (`people-links.ts`), in the change's transaction. */
export async function enqueueLink(tx: Executor, payload: LinkPayload): Promise<void> {
  await tx.insert(peopleOutbox).values({ applicationId: payload.applicationId, event: 'LINK_CHANGED', payload });
}

/**
 * Active certificate contracts whose group has days in the period and which hold no RESERVE in it yet, in
 * certificate order (lock them with `lockActiveContracts` before writing).
 */
export function contractsToReserveIn(tx: Executor, period: { id: string; startsOn: string; endsOn: string }) {
  return tx
    .select({
      id: contracts.id,
      certificateId: sql<string>`${contracts.certificateId}`,
      pricePerMonth: contracts.pricePerMonth,
      concludedOn: contracts.concludedOn,
      startsOn: groups.startsOn,
      endsOn: groups.endsOn,
    })
    .from(contracts)
    .innerJoin(groups, eq(groups.id, contracts.groupId))
    .where(
      and(
        eq(contracts.paymentMethod, 'CERTIFICATE'),
        isNull(contracts.endedOn),
        sql`${groups.endsOn} >= ${period.startsOn}`,
        sql`${groups.startsOn} <= ${period.endsOn}`,
        sql`not exists (select 1 from extra_education.ledger_entries l
          where l.contract_id = ${contracts.id} and l.period_id = ${period.id} and l.kind = 'RESERVE')`,
      ),
    )
    .orderBy(asc(contracts.certificateId), asc(contracts.id));
}

/**
 * Locks these contracts (in id order) and returns those still active: a concurrent end waits or has already
 * ended the contract, which then drops out.
 */
export async function lockActiveContracts(tx: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(inArray(contracts.id, [...ids]), isNull(contracts.endedOn)))
    .orderBy(asc(contracts.id))
    .for('update');
  return new Set(rows.map((row) => row.id));
}
