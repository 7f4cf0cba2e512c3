/** What the extra-education part of the demo generator returns: plain rows of the `extra_education` schema. */
import type {
  applicationStatusHistory,
  applications,
  certificateStatusChanges,
  certificates,
  contracts,
  fundingPeriods,
  groups,
  ledgerEntries,
  programmes,
} from '../../extra-education.ts';

type WithId<T> = T & { id: string };

export type ProgrammeRow = WithId<typeof programmes.$inferInsert>;
export type GroupRow = WithId<typeof groups.$inferInsert>;
export type FundingPeriodRow = WithId<typeof fundingPeriods.$inferInsert>;
export type CertificateRow = WithId<typeof certificates.$inferInsert>;
export type CertificateStatusChangeRow = typeof certificateStatusChanges.$inferInsert;
export type ExtraApplicationRow = WithId<typeof applications.$inferInsert>;
export type ExtraApplicationStatusRow = typeof applicationStatusHistory.$inferInsert;
export type ContractRow = WithId<typeof contracts.$inferInsert>;
export type LedgerEntryRow = typeof ledgerEntries.$inferInsert;

/**
 * Rows per table of the `extra_education` schema, in foreign-key order. Keys are distinct from the other
 * schemas' (`countRows` merges them all): hence `extraApplications`, not admissions' `applications`.
 */
export interface ExtraEducationRows {
  programmes: ProgrammeRow[];
  groups: GroupRow[];
  fundingPeriods: FundingPeriodRow[];
  certificates: CertificateRow[];
  certificateStatusChanges: CertificateStatusChangeRow[];
  extraApplications: ExtraApplicationRow[];
  extraApplicationStatusHistory: ExtraApplicationStatusRow[];
  contracts: ContractRow[];
  ledgerEntries: LedgerEntryRow[];
}

export const emptyExtraEducationRows = (): ExtraEducationRows => ({
  programmes: [],
  groups: [],
  fundingPeriods: [],
  certificates: [],
  certificateStatusChanges: [],
  extraApplications: [],
  extraApplicationStatusHistory: [],
  contracts: [],
  ledgerEntries: [],
});
