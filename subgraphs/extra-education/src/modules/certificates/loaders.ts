import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { ExtraEducationPolicy } from '../../policy.ts';
import { loadFundingPeriods } from '../funding/repository.ts';
import { loadCertificates, loadCertificatesOfChildren, loadLedgerEntries, loadStatusChanges } from './repository.ts';

export function createCertificateLoaders(db: Executor, policy: ExtraEducationPolicy) {
  return {
    certificate: rowLoader(
      (ids: readonly string[]) => loadCertificates(db, policy, ids),
      (row) => row.id,
    ),
    certificateOfChild: rowLoader(
      (ids: readonly string[]) => loadCertificatesOfChildren(db, policy, ids),
      (row) => row.personId,
    ),
    /** Read only for certificates already found in scope. */
    certificateStatusChanges: groupLoader(
      (ids: readonly string[]) => loadStatusChanges(db, ids),
      (row) => row.certificateId,
    ),
    fundingPeriod: rowLoader(
      (ids: readonly string[]) => loadFundingPeriods(db, ids),
      (row) => row.id,
    ),
    certificateLedger: groupLoader(
      (ids: readonly string[]) => loadLedgerEntries(db, ids),
      (row) => row.certificateId,
    ),
  };
}
