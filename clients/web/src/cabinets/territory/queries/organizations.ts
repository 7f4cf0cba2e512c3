/** Organizations of the territory: the registry, school-year status and completeness figures (rules 7, 13, 21). */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  TerritoryMunicipalitiesQuery,
  TerritoryMunicipalitiesQueryVariables,
  TerritoryNotOpenedQuery,
  TerritoryNotOpenedQueryVariables,
  TerritoryOrganizationQuery,
  TerritoryOrganizationQueryVariables,
  TerritoryOrganizationsQuery,
  TerritoryOrganizationsQueryVariables,
  TerritorySummaryQuery,
  TerritorySummaryQueryVariables,
} from '../../../generated/graphql.ts';
import type { MandatoryField, OrganizationType, SchoolYearStatus } from '../labels.ts';

export interface Completeness {
  students: number;
  studentsWithGaps: number;
  studentsCompletePercent: number | null;
  staff: number;
  staffWithGaps: number;
  staffCompletePercent: number | null;
}

export interface CompletenessWithGaps extends Completeness {
  gaps: { field: MandatoryField; students: number; staff: number }[];
}

/** A row of the not-opened list; the deadline depends on the organization's type, so it comes with the organization. */
export interface Opening {
  status: SchoolYearStatus;
  schoolYear: number;
  organization: {
    id: string;
    shortName: string;
    type: OrganizationType;
    municipality: { id: string; name: string };
    schoolYearOpening: { deadline: string; overdue: boolean };
  };
}

export interface OrganizationRow {
  id: string;
  shortName: string;
  type: OrganizationType;
  inn: string;
  innValid: boolean;
  municipality: { id: string; name: string };
  schoolYearStatus: SchoolYearStatus;
  dataCompleteness: Completeness | null;
}

/** A row of the not-opened list, wherever it is shown (rule 13). */
const OPENING = gql`
  fragment TerritoryOpening on SchoolYearOpening {
    status
    schoolYear
    organization {
      id
      shortName
      type
      municipality {
        id
        name
      }
      schoolYearOpening {
        deadline
        overdue
      }
    }
  }
`;

/** Completeness figures of an organization or a municipality; with the gaps per field where a page lists them. */
const COMPLETENESS = gql`
  fragment TerritoryCompleteness on DataCompleteness {
    students
    studentsWithGaps
    studentsCompletePercent
    staff
    staffWithGaps
    staffCompletePercent
  }
`;

const COMPLETENESS_GAPS = gql`
  fragment TerritoryCompletenessGaps on DataCompleteness {
    ...TerritoryCompleteness
    gaps {
      field
      students
      staff
    }
  }
  ${COMPLETENESS}
`;

export const ORGANIZATIONS: TypedDocumentNode<TerritoryOrganizationsQuery, TerritoryOrganizationsQueryVariables> = gql`
  query TerritoryOrganizations($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          shortName
          type
          inn
          innValid
          municipality {
            id
            name
          }
          schoolYearStatus
          dataCompleteness {
            ...TerritoryCompleteness
          }
        }
      }
    }
    organizationsNotOpened {
      ...TerritoryOpening
    }
  }
  ${OPENING}
  ${COMPLETENESS}
`;

export const MUNICIPALITIES: TypedDocumentNode<TerritoryMunicipalitiesQuery, TerritoryMunicipalitiesQueryVariables> =
  gql`
    query TerritoryMunicipalities {
      municipalities {
        id
        name
      }
    }
  `;

export const NOT_OPENED: TypedDocumentNode<TerritoryNotOpenedQuery, TerritoryNotOpenedQueryVariables> = gql`
  query TerritoryNotOpened {
    organizationsNotOpened {
      ...TerritoryOpening
    }
  }
  ${OPENING}
`;

export interface MunicipalityFigures {
  id: string;
  name: string;
  dataCompleteness: CompletenessWithGaps | null;
}

export interface SummaryData {
  /** The whole region's municipalities (regional roles). */
  municipalities?: MunicipalityFigures[];
  /** A coordinator's own municipalities, through their grants: another municipality is never asked for. */
  me?: { grants: { role: string; municipality: MunicipalityFigures | null }[] };
  organizationsNotOpened: Opening[];
}

export const SUMMARY: TypedDocumentNode<TerritorySummaryQuery, TerritorySummaryQueryVariables> = gql`
  query TerritorySummary($regional: Boolean!) {
    municipalities @include(if: $regional) {
      ...MunicipalityFigures
    }
    me @skip(if: $regional) {
      grants {
        role
        municipality {
          ...MunicipalityFigures
        }
      }
    }
    organizationsNotOpened {
      ...TerritoryOpening
    }
  }

  fragment MunicipalityFigures on Municipality {
    id
    name
    dataCompleteness {
      ...TerritoryCompletenessGaps
    }
  }
  ${OPENING}
  ${COMPLETENESS_GAPS}
`;

export interface OrganizationData {
  organization: {
    id: string;
    shortName: string;
    fullName: string;
    type: OrganizationType;
    inn: string;
    innValid: boolean;
    address: string | null;
    pfdoParticipant: boolean;
    municipality: { id: string; name: string };
    schoolYearStatus: SchoolYearStatus;
    schoolYears: {
      id: string;
      year: number;
      name: string;
      status: SchoolYearStatus;
      startsOn: string;
      endsOn: string;
      openedAt: string | null;
      openedLate: boolean;
    }[];
    dataCompleteness: CompletenessWithGaps | null;
  } | null;
  organizationsNotOpened: Opening[];
}

export const ORGANIZATION: TypedDocumentNode<TerritoryOrganizationQuery, TerritoryOrganizationQueryVariables> = gql`
  query TerritoryOrganization($id: ID!) {
    organization(id: $id) {
      id
      shortName
      fullName
      type
      inn
      innValid
      address
      pfdoParticipant
      municipality {
        id
        name
      }
      schoolYearStatus
      schoolYears {
        id
        year
        name
        status
        startsOn
        endsOn
        openedAt
        openedLate
      }
      dataCompleteness {
        ...TerritoryCompletenessGaps
      }
    }
    organizationsNotOpened {
      ...TerritoryOpening
    }
  }
  ${OPENING}
  ${COMPLETENESS_GAPS}
`;
