import type { FundingPeriodRow } from '../ledger/repository.ts';

/** What `creditFundingPeriod` answers: the period and how many certificates this call credited. */
export interface FundingCreditRow {
  period: FundingPeriodRow;
  credited: number;
  /** Active certificate contracts that reserved this period's months in this call. */
  reservedContracts: number;
  /** Of them (and those with nothing available), the contracts whose certificate could not cover the months. */
  underfundedContracts: string[];
}
