/**
 * Certificates' SQL (DOMAIN.md rule 19). A certificate's status is derived, never set: «Актуален» (ACTUAL)
 * while the child has an active contract paid by it, «Заморожен» (FROZEN) otherwise; every change is a row of
 * `certificate_status_changes`, the latest being the current status.
 */
import { extraEducationTables, type Executor } from '@region/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';

const { certificateStatusChanges, contracts } = extraEducationTables;

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

export type CertificateRow = typeof extraEducationTables.certificates.$inferSelect;
export type CertificateStatusChangeRow = typeof certificateStatusChanges.$inferSelect;
export type LedgerEntryRow = typeof extraEducationTables.ledgerEntries.$inferSelect;
/** A certificate with the child's consent the gateway brought for `@requires` (rule 5). */
export type CertificateWithConsent = CertificateRow & { childConsent?: { granted?: boolean | null } | null };
