/** Admissions campaign figures (rule 21): by kind, source and status, places filled, deadline violations. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  KindTotalsFragment,
  TerritoryCampaignOverviewQuery,
  TerritoryCampaignOverviewQueryVariables,
  TerritoryCampaignQuery,
  TerritoryCampaignQueryVariables,
  TerritoryOrganizationCampaignQuery,
  TerritoryOrganizationCampaignQueryVariables,
  TerritorySearchApplicationsQuery,
  TerritorySearchApplicationsQueryVariables,
} from '../../../generated/graphql.ts';

export type KindTotals = KindTotalsFragment;

export type CampaignOverviewData = TerritoryCampaignOverviewQuery;

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

export type OrganizationCampaign = TerritoryCampaignQuery['admissionsCampaign']['organizations'][number];

export type CampaignData = TerritoryCampaignQuery;

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

export type OrganizationCampaignData = TerritoryOrganizationCampaignQuery;

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

export type SearchVars = TerritorySearchApplicationsQueryVariables;

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
