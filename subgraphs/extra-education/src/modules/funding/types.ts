import type { FundingPeriodRow } from '../ledger/repository.ts';

/** What `creditFundingPeriod` answers: the period and how many certificates this call credited. */
export interface FundingCreditRow {
  period: FundingPeriodRow;
  credited: number;
}
