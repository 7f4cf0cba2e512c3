import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { ExtraEducationPolicy } from '../../policy.ts';
import DataLoader from 'dataloader';
import { moneyIn, type CertificateMoney } from '../ledger/repository.ts';
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
    /** A certificate's money in a period, keyed `periodId:certificateId`: one statement per period asked. */
    certificateMoney: new DataLoader<string, CertificateMoney>(async (keys) => {
      const byPeriod = new Map<string, string[]>();
      for (const key of keys) {
        const [periodId, certificateId] = key.split(':') as [string, string];
        byPeriod.set(periodId, [...(byPeriod.get(periodId) ?? []), certificateId]);
      }
      const sums = new Map<string, CertificateMoney>();
      for (const [periodId, ids] of byPeriod)
        for (const [id, money] of await moneyIn(db, periodId, ids)) sums.set(`${periodId}:${id}`, money);
      return keys.map((key) => sums.get(key)!);
    }),
    certificateLedger: groupLoader(
      (ids: readonly string[]) => loadLedgerEntries(db, ids),
      (row) => row.certificateId,
    ),
  };
}
