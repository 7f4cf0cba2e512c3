import DataLoader from 'dataloader';
import { rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import { periodOn, type FundingPeriodRow } from '../ledger/repository.ts';
import { creditedCounts, loadFundingPeriods } from './repository.ts';

export function createFundingLoaders(db: Executor) {
  return {
    fundingPeriod: rowLoader(
      (ids: readonly string[]) => loadFundingPeriods(db, ids),
      (row) => row.id,
    ),
    /** The funding period holding a region date (periods never overlap). */
    fundingPeriodOn: new DataLoader<string, FundingPeriodRow | null>((dates) =>
      Promise.all(dates.map((date) => periodOn(db, date))),
    ),
    /** How many certificates hold a credit of the period. */
    creditedCertificates: new DataLoader<string, number>(async (ids) => {
      const counts = new Map((await creditedCounts(db, ids)).map((row) => [row.periodId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
