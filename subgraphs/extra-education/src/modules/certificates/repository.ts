/**
 * Certificates' SQL (DOMAIN.md rule 19). A certificate's status is derived, never set: «Актуален» (ACTUAL)
 * while the child has an active contract paid by it, «Заморожен» (FROZEN) otherwise; every change is a row of
 * `certificate_status_changes`, the latest being the current status.
 */
import { extraEducationTables, type Executor } from '@region/db';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ExtraEducationPolicy } from '../../policy.ts';

const { certificates, certificateStatusChanges, contracts, ledgerEntries } = extraEducationTables;

export type CertificateStatus = (typeof certificateStatusChanges.$inferSelect)['status'];

/**
 * Derives the certificate's status from its active contracts and records a change when it differs from the
 * latest recorded one. Call it in the transaction that concluded or ended a contract, after the certificate
 * row is locked (`lockCertificate`). Returns the status now.
 */
export async function refreshCertificateStatus(
  tx: Executor,
  change: { certificateId: string; contractId: string | null; reason: string; changedBy: string | null },
): Promise<CertificateStatus> {
  const [active] = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.certificateId, change.certificateId), isNull(contracts.endedOn)))
    .limit(1);
  const status: CertificateStatus = active ? 'ACTUAL' : 'FROZEN';
  const [latest] = await tx
    .select({ status: certificateStatusChanges.status })
    .from(certificateStatusChanges)
    .where(eq(certificateStatusChanges.certificateId, change.certificateId))
    .orderBy(desc(certificateStatusChanges.changedAt), desc(certificateStatusChanges.id))
    .limit(1);
  if (latest?.status !== status) {
    await tx.insert(certificateStatusChanges).values({
      certificateId: change.certificateId,
      status,
      reason: change.reason,
      contractId: change.contractId,
      changedBy: change.changedBy,
      changedAt: sql`clock_timestamp()`,
    });
  }
  return status;
}

export type CertificateRow = typeof certificates.$inferSelect;
export type CertificateStatusChangeRow = typeof certificateStatusChanges.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
/** A certificate with the child's consent the gateway brought for `@requires` (rule 5). */
export type CertificateWithConsent = CertificateRow & { childConsent?: { granted?: boolean | null } | null };

/** Certificates by id within the principal's read scope (lookups and references). */
export function loadCertificates(db: Executor, policy: ExtraEducationPolicy, ids: readonly string[]) {
  return db
    .select()
    .from(certificates)
    .where(and(inArray(certificates.id, [...ids]), policy.certificatesReadable()));
}

/** The children's certificates within the principal's read scope (`Person.extraCertificate`). */
export function loadCertificatesOfChildren(db: Executor, policy: ExtraEducationPolicy, personIds: readonly string[]) {
  return db
    .select()
    .from(certificates)
    .where(and(inArray(certificates.personId, [...personIds]), policy.certificatesReadable()));
}

/** Every status change of these certificates, oldest first. */
export function loadStatusChanges(db: Executor, certificateIds: readonly string[]) {
  return db
    .select()
    .from(certificateStatusChanges)
    .where(inArray(certificateStatusChanges.certificateId, [...certificateIds]))
    .orderBy(asc(certificateStatusChanges.changedAt), asc(certificateStatusChanges.id));
}

/** Every ledger entry of these certificates, newest first. */
export function loadLedgerEntries(db: Executor, certificateIds: readonly string[]) {
  return db
    .select()
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.certificateId, [...certificateIds]))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id));
}

/** The current status of a certificate (its latest change) as SQL, for the list's status filter. */
const currentStatus = sql`(select s.status from ${certificateStatusChanges} s
  where s.certificate_id = ${certificates.id} order by s.changed_at desc, s.id desc limit 1)`;

export interface CertificateListFilter {
  municipalityId?: string | null;
  status?: CertificateStatus | null;
}

function listConditions(policy: ExtraEducationPolicy, filter: CertificateListFilter): SQL[] {
  const conditions: SQL[] = [policy.certificatesReadable()];
  if (filter.municipalityId) conditions.push(eq(certificates.municipalityId, filter.municipalityId));
  if (filter.status) conditions.push(sql`${currentStatus} = ${filter.status}`);
  return conditions;
}

/** A page of certificates, newest issue first (keyset on issue date and id). */
export function listCertificates(
  db: Executor,
  policy: ExtraEducationPolicy,
  filter: CertificateListFilter,
  page: { first: number; after: [string, string] | null },
) {
  const after = page.after
    ? or(
        lt(certificates.issuedOn, page.after[0]),
        and(eq(certificates.issuedOn, page.after[0]), lt(certificates.id, page.after[1])),
      )
    : undefined;
  return db
    .select()
    .from(certificates)
    .where(and(...listConditions(policy, filter), after))
    .orderBy(desc(certificates.issuedOn), desc(certificates.id))
    .limit(page.first + 1);
}

export async function countCertificates(db: Executor, policy: ExtraEducationPolicy, filter: CertificateListFilter) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(certificates)
    .where(and(...listConditions(policy, filter)));
  return row?.count ?? 0;
}
