/** Admissions campaign figures (rule 21): by kind, source and status, places filled, deadline violations. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  TerritoryCampaignOverviewQuery,
  TerritoryCampaignOverviewQueryVariables,
  TerritoryCampaignQuery,
  TerritoryCampaignQueryVariables,
  TerritoryOrganizationCampaignQuery,
  TerritoryOrganizationCampaignQueryVariables,
  TerritorySearchApplicationsQuery,
  TerritorySearchApplicationsQueryVariables,
} from '../../../generated/graphql.ts';
import type { ApplicationKind, ApplicationSource, ApplicationStatus, OrganizationType } from '../labels.ts';

export interface KindTotals {
  year: number;
  total: number;
  fromEpgu: number;
  epguShare: number | null;
}

export interface CampaignOverviewData {
  current: { year: number };
  FIRST_GRADE: KindTotals;
  TENTH_GRADE: KindTotals;
  TRANSFER: KindTotals;
  KINDERGARTEN: KindTotals;
  CAMP: KindTotals;
  COLLEGE: KindTotals;
}

/** A kind's totals in the overview table. */
const KIND_TOTALS = gql`
  fragment KindTotals on CampaignStatistics {
    year
    total
    fromEpgu
    epguShare
  }
`;

/** Every kind of the year at once (aliases named after the kinds), and the server's current campaign year. */
export const CAMPAIGN_OVERVIEW: TypedDocumentNode<
  TerritoryCampaignOverviewQuery,
  TerritoryCampaignOverviewQueryVariables
> = gql`
  query TerritoryCampaignOverview($year: Int) {
    current: admissionsCampaign {
      year
    }
    FIRST_GRADE: admissionsCampaign(year: $year, kind: FIRST_GRADE) {
      ...KindTotals
    }
    TENTH_GRADE: admissionsCampaign(year: $year, kind: TENTH_GRADE) {
      ...KindTotals
    }
    TRANSFER: admissionsCampaign(year: $year, kind: TRANSFER) {
      ...KindTotals
    }
    KINDERGARTEN: admissionsCampaign(year: $year, kind: KINDERGARTEN) {
      ...KindTotals
    }
    CAMP: admissionsCampaign(year: $year, kind: CAMP) {
      ...KindTotals
    }
    COLLEGE: admissionsCampaign(year: $year, kind: COLLEGE) {
      ...KindTotals
    }
  }
  ${KIND_TOTALS}
`;

export interface OrganizationCampaign {
  organization: {
    id: string;
    shortName: string;
    type: OrganizationType;
    municipality: { id: string; name: string };
  };
  applications: number;
  places: number;
  placesTaken: number;
  placesFilledPercent: number | null;
  earlyDirections: number;
  lateOrders: number;
}

export interface CampaignData {
  admissionsCampaign: {
    year: number;
    kind: ApplicationKind;
    total: number;
    fromEpgu: number;
    epguShare: number | null;
    bySource: { source: ApplicationSource; count: number }[];
    byStatus: { status: ApplicationStatus; count: number }[];
    organizations: OrganizationCampaign[];
  };
}

export const CAMPAIGN: TypedDocumentNode<TerritoryCampaignQuery, TerritoryCampaignQueryVariables> = gql`
  query TerritoryCampaign($year: Int, $kind: ApplicationKind) {
    admissionsCampaign(year: $year, kind: $kind) {
      year
      kind
      total
      fromEpgu
      epguShare
      bySource {
        source
        count
      }
      byStatus {
        status
        count
      }
      organizations {
        organization {
          id
          shortName
          type
          municipality {
            id
            name
          }
        }
        applications
        places
        placesTaken
        placesFilledPercent
        earlyDirections
        lateOrders
      }
    }
  }
`;

export interface OrganizationCampaignData {
  current: { year: number };
  FIRST_GRADE: { organizations: OrganizationCampaign[] };
  TENTH_GRADE: { organizations: OrganizationCampaign[] };
  TRANSFER: { organizations: OrganizationCampaign[] };
  KINDERGARTEN: { organizations: OrganizationCampaign[] };
  CAMP: { organizations: OrganizationCampaign[] };
  COLLEGE: { organizations: OrganizationCampaign[] };
}

/** One organization's lines of every kind: the territory's figures, filtered to it on the page. */
export const ORGANIZATION_CAMPAIGN: TypedDocumentNode<
  TerritoryOrganizationCampaignQuery,
  TerritoryOrganizationCampaignQueryVariables
> = gql`
  query TerritoryOrganizationCampaign($year: Int) {
    current: admissionsCampaign {
      year
    }
    FIRST_GRADE: admissionsCampaign(year: $year, kind: FIRST_GRADE) {
      ...OrganizationLines
    }
    TENTH_GRADE: admissionsCampaign(year: $year, kind: TENTH_GRADE) {
      ...OrganizationLines
    }
    TRANSFER: admissionsCampaign(year: $year, kind: TRANSFER) {
      ...OrganizationLines
    }
    KINDERGARTEN: admissionsCampaign(year: $year, kind: KINDERGARTEN) {
      ...OrganizationLines
    }
    CAMP: admissionsCampaign(year: $year, kind: CAMP) {
      ...OrganizationLines
    }
    COLLEGE: admissionsCampaign(year: $year, kind: COLLEGE) {
      ...OrganizationLines
    }
  }

  fragment OrganizationLines on CampaignStatistics {
    organizations {
      organization {
        id
        shortName
        type
        municipality {
          id
          name
        }
      }
      applications
      places
      placesTaken
      placesFilledPercent
      earlyDirections
      lateOrders
    }
  }
`;

export type FoundApplication = TerritorySearchApplicationsQuery['searchApplications'][number];

export interface SearchVars {
  epguNumber: string | null;
  registeredOn: string | null;
  birthCertificateSeries: string | null;
  birthCertificateNumber: string | null;
  [key: string]: unknown;
}

export const SEARCH_APPLICATIONS: TypedDocumentNode<
  TerritorySearchApplicationsQuery,
  TerritorySearchApplicationsQueryVariables
> = gql`
  query TerritorySearchApplications(
    $epguNumber: String
    $registeredOn: Date
    $birthCertificateSeries: String
    $birthCertificateNumber: String
  ) {
    searchApplications(
      epguNumber: $epguNumber
      registeredOn: $registeredOn
      birthCertificateSeries: $birthCertificateSeries
      birthCertificateNumber: $birthCertificateNumber
    ) {
      id
      kind
      year
      childName
      childBirthDate
      applicantName
      source
      epguNumber
      registeredAt
      status
      statusName
      choices {
        id
        shortName
      }
      directedTo {
        id
        shortName
      }
      history {
        from
        to
        reason
        changedAt
      }
    }
  }
`;
