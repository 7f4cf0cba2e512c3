/**
 * The certificate's money (DOMAIN.md rule 19a): an append-only ledger, `extra_education.ledger_entries`.
 * The sums (the header of `db/src/extra-education.ts`), per certificate and funding period:
 *   credited  = Σ CREDIT
 *   reserved  = Σ RESERVE − Σ CHARGE − Σ RELEASE
 *   spent     = Σ CHARGE
 *   balance   = credited − spent
 *   available = credited − Σ RESERVE + Σ RELEASE
 * Money stays `numeric` in SQL and a decimal string in TypeScript: comparisons are made by PostgreSQL.
 * Every writer first locks the certificate row (`lockCertificate`), so two contracts cannot take the same
 * money and a credit cannot interleave with a reservation.
 */
import { extraEducationTables, type Executor } from '@region/db';
import { and, eq, lte, gte, sql } from 'drizzle-orm';

const { certificates, fundingPeriods, ledgerEntries } = extraEducationTables;

export type FundingPeriodRow = typeof fundingPeriods.$inferSelect;
export type LedgerKind = (typeof ledgerEntries.$inferSelect)['kind'];

/** A certificate's money in one funding period; decimal strings («1500.00»). */
export interface CertificateMoney {
  certificateId: string;
  periodId: string;
  credited: string;
  reserved: string;
  spent: string;
  balance: string;
  available: string;
}

/** Locks a certificate row for the rest of the transaction; false when there is no such certificate. */
export async function lockCertificate(tx: Executor, certificateId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.id, certificateId))
    .for('update');
  return rows.length > 0;
}

/** The funding period holding a region date, if any. */
export async function periodOn(db: Executor, date: string): Promise<FundingPeriodRow | null> {
  const [row] = await db
    .select()
    .from(fundingPeriods)
    .where(and(lte(fundingPeriods.startsOn, date), gte(fundingPeriods.endsOn, date)))
    .limit(1);
  return row ?? null;
}

const sum = (kind: LedgerKind) =>
  sql`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = ${kind}), 0)`;

/** The money of these certificates in a period (one statement); a certificate with no entries has zeros. */
export async function moneyIn(
  db: Executor,
  periodId: string,
  certificateIds: readonly string[],
): Promise<Map<string, CertificateMoney>> {
  const result = new Map<string, CertificateMoney>();
  for (const certificateId of certificateIds) {
    result.set(certificateId, {
      certificateId,
      periodId,
      credited: '0.00',
      reserved: '0.00',
      spent: '0.00',
      balance: '0.00',
      available: '0.00',
    });
  }
  if (certificateIds.length === 0) return result;
  const rows = await db
    .select({
      certificateId: ledgerEntries.certificateId,
      credited: sql<string>`(${sum('CREDIT')})::numeric(12,2)::text`,
      reserved: sql<string>`(${sum('RESERVE')} - ${sum('CHARGE')} - ${sum('RELEASE')})::numeric(12,2)::text`,
      spent: sql<string>`(${sum('CHARGE')})::numeric(12,2)::text`,
      balance: sql<string>`(${sum('CREDIT')} - ${sum('CHARGE')})::numeric(12,2)::text`,
      available: sql<string>`(${sum('CREDIT')} - ${sum('RESERVE')} + ${sum('RELEASE')})::numeric(12,2)::text`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.periodId, periodId), sql`${ledgerEntries.certificateId} in ${certificateIds}`))
    .groupBy(ledgerEntries.certificateId);
  for (const row of rows) result.set(row.certificateId, { ...row, periodId });
  return result;
}

/** Does `available` cover `amount`? Compared as numeric by PostgreSQL, never as floats. */
export async function covers(db: Executor, available: string, amount: string): Promise<boolean> {
  const [row] = await db.execute<{ covers: boolean }>(
    sql`select ${available}::numeric >= ${amount}::numeric as covers`,
  );
  return row?.covers === true;
}

/**
 * What a contract still holds in reserve, per funding period: Σ RESERVE − Σ CHARGE − Σ RELEASE of its entries
 * in each period it has entries in (a contract reserves each period when that period is credited).
 */
export async function contractReserves(
  db: Executor,
  contractId: string,
): Promise<{ certificateId: string; periodId: string; remaining: string }[]> {
  return db
    .select({
      certificateId: ledgerEntries.certificateId,
      periodId: ledgerEntries.periodId,
      remaining: sql<string>`(${sum('RESERVE')} - ${sum('CHARGE')} - ${sum('RELEASE')})::numeric(12,2)::text`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.contractId, contractId))
    .groupBy(ledgerEntries.certificateId, ledgerEntries.periodId)
    .orderBy(ledgerEntries.periodId);
}

export interface LedgerEntryInput {
  certificateId: string;
  kind: LedgerKind;
  amount: string;
  periodId: string;
  contractId?: string | null;
  /** The first day of the month charged (CHARGE only). */
  month?: string | null;
  createdBy?: string | null;
}

/**
 * Appends entries. A CREDIT already made for the certificate and period, or a CHARGE already made for the
 * contract and month, is skipped (the ledger's unique indexes): crediting and charging are idempotent.
 * Returns how many entries were written.
 */
export async function appendEntries(tx: Executor, entries: readonly LedgerEntryInput[]): Promise<number> {
  if (entries.length === 0) return 0;
  const written = await tx
    .insert(ledgerEntries)
    .values(
      entries.map((entry) => ({
        certificateId: entry.certificateId,
        kind: entry.kind,
        amount: entry.amount,
        periodId: entry.periodId,
        contractId: entry.contractId ?? null,
        month: entry.month ?? null,
        createdBy: entry.createdBy ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: ledgerEntries.id });
  return written.length;
}

/**
 * Credits the period's norm to every certificate issued on or before the period's last day that has no
 * credit for the period yet (one statement; the unique index keeps a repeated call from crediting twice).
 * `certificateIds` narrows it to some certificates. Returns how many certificates were credited.
 */
export async function creditPeriod(
  tx: Executor,
  period: FundingPeriodRow,
  createdBy: string | null,
  certificateIds?: readonly string[],
): Promise<number> {
  if (certificateIds && certificateIds.length === 0) return 0;
  const only = certificateIds ? sql`and c.id in ${certificateIds}` : sql``;
  const rows = await tx.execute(sql`
    insert into extra_education.ledger_entries (certificate_id, kind, amount, period_id, created_by)
    select c.id, 'CREDIT', ${period.normPerCertificate}::numeric, ${period.id}::uuid, ${createdBy}::uuid
    from extra_education.certificates c
    where c.issued_on <= ${period.endsOn}::date ${only}
    on conflict do nothing
    returning id`);
  return [...rows].length;
}
