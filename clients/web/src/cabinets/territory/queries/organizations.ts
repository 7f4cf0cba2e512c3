/** Organizations of the territory: the registry, school-year status and completeness figures (rules 7, 13, 21). */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  MunicipalityFiguresFragment,
  TerritoryMunicipalitiesQuery,
  TerritoryMunicipalitiesQueryVariables,
  TerritoryNotOpenedQuery,
  TerritoryNotOpenedQueryVariables,
  TerritoryOpeningFragment,
  TerritoryOrganizationQuery,
  TerritoryOrganizationQueryVariables,
  TerritoryOrganizationsQuery,
  TerritoryOrganizationsQueryVariables,
  TerritorySummaryQuery,
  TerritorySummaryQueryVariables,
} from '../../../generated/graphql.ts';
import type { MandatoryField } from '../labels.ts';

/** Figures the territory pages also add up themselves (a coordinator's municipalities), hence no __typename. */
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
export type Opening = TerritoryOpeningFragment;

export type OrganizationRow = TerritoryOrganizationsQuery['organizations']['edges'][number]['node'];

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
          schoolYearOpening {
            deadline
            overdue
          }
          dataCompleteness {
            ...TerritoryCompleteness
          }
        }
      }
    }
  }
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
  query TerritoryNotOpened($first: Int, $after: String) {
    organizationsNotOpened(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TerritoryOpening
        }
      }
    }
  }
  ${OPENING}
`;

export type MunicipalityFigures = MunicipalityFiguresFragment;

export type SummaryData = TerritorySummaryQuery;

export const SUMMARY: TypedDocumentNode<TerritorySummaryQuery, TerritorySummaryQueryVariables> = gql`
  query TerritorySummary($regional: Boolean!, $notOpenedFirst: Int) {
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
    organizationsNotOpened(first: $notOpenedFirst) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          ...TerritoryOpening
        }
      }
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

export type OrganizationData = TerritoryOrganizationQuery;

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
      head {
        position
        person {
          id
          fullName
          phone
          email
        }
      }
      schoolYearStatus
      schoolYearOpening {
        deadline
        overdue
      }
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
  }
  ${COMPLETENESS_GAPS}
`;
