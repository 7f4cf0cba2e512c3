import type { CertificateMoney, FundingPeriodRow } from '../ledger/repository.ts';
import type { CertificateWithConsent } from './repository.ts';

/** A certificate's money in the current funding period, with the period. */
export interface CertificateMoneyView extends CertificateMoney {
  period: FundingPeriodRow;
}

export interface CertificateConnectionRow {
  edges: { cursor: string; node: CertificateWithConsent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for (GraphQL calls it). */
  totalCount: () => Promise<number>;
}

export interface CertificateIntakeRow {
  certificate: CertificateWithConsent;
  created: boolean;
}

/** A `ProcessingConsent` people resolves for the child (`@requires` reads its `granted`). */
export type ConsentRequirementRef = { personId: string };
