/** What the admissions part of the demo generator returns: plain rows for each table of the `admissions` schema. */
import type {
  applicationChoices,
  applications,
  campaigns,
  outbox,
  places,
  queuePositions,
  statusHistory,
  territories,
} from '../../admissions.ts';

type WithId<T> = T & { id: string };

export type CampaignRow = typeof campaigns.$inferInsert;
export type PlaceRow = typeof places.$inferInsert;
export type TerritoryRow = WithId<typeof territories.$inferInsert>;
export type ApplicationRow = WithId<typeof applications.$inferInsert>;
export type ApplicationChoiceRow = typeof applicationChoices.$inferInsert;
/** `id` is a bigserial, as in the next three: the database numbers the rows in insertion order, i.e. time order. */
export type StatusHistoryRow = typeof statusHistory.$inferInsert;
export type OutboxRow = typeof outbox.$inferInsert;
export type QueuePositionRow = typeof queuePositions.$inferInsert;

export type ApplicationStatus = NonNullable<ApplicationRow['status']>;
export type ApplicationCategory = ApplicationRow['category'];
export type ApplicationSource = ApplicationRow['source'];

/** Rows per table of the `admissions` schema, in foreign-key order. */
export interface AdmissionsRows {
  campaigns: CampaignRow[];
  places: PlaceRow[];
  territories: TerritoryRow[];
  applications: ApplicationRow[];
  applicationChoices: ApplicationChoiceRow[];
  statusHistory: StatusHistoryRow[];
  outbox: OutboxRow[];
  queuePositions: QueuePositionRow[];
}

export function emptyAdmissionsRows(): AdmissionsRows {
  return {
    campaigns: [],
    places: [],
    territories: [],
    applications: [],
    applicationChoices: [],
    statusHistory: [],
    outbox: [],
    queuePositions: [],
  };
}

/** Rule 15 violations of the finished first-grade campaign, counted per organization key. */
export interface AdmissionsViolations {
  /** 1-based, as in organization keys. */
  municipality: number;
  /** PRIORITY/TERRITORY applications moved to «Направлен в ОО» before 30 June (local date). */
  earlyDirections: Record<string, number>;
  /** PRIORITY/TERRITORY applications enrolled after the order deadline (3 working days after 30 June). */
  lateEnrolments: Record<string, number>;
}

/** The admissions part of the region's summary, counted from the rows (admissions/summary.ts). */
export interface AdmissionsFaults {
  firstGrade: {
    year: number;
    applications: number;
    fromEpgu: number;
    /** Percent with one decimal, as the campaign statistics print it. */
    epguShare: number;
    places: number;
    enrolled: number;
    rejected: number;
    withdrawn: number;
    /** Applications whose child is a person record (a first grader of the people data). */
    linkedChildren: number;
  };
  kindergartenQueue: {
    year: number;
    applications: number;
    /** queue_positions rows, the current ones included. */
    positions: number;
  };
  /** Applications whose applicant is a person record (real guardians, the `guardian` account among them). */
  linkedApplicants: number;
  /** STATUS_CHANGED messages not delivered to ЕПГУ (yet). */
  undeliveredMessages: number;
  violations: AdmissionsViolations[];
}
