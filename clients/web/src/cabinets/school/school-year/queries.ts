import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolCreateNextYearMutation,
  SchoolCreateNextYearMutationVariables,
  SchoolOpenYearMutation,
  SchoolOpenYearMutationVariables,
  SchoolYearsQuery,
  SchoolYearsQueryVariables,
} from '../../../generated/graphql.ts';
import type { PeriodKind, SchoolYearStatus } from '../labels.ts';

export interface SchoolYear {
  id: string;
  year: number;
  name: string;
  startsOn: string;
  endsOn: string;
  periodKind: PeriodKind;
  status: SchoolYearStatus;
  openedAt: string | null;
  openedLate: boolean;
  periods: { id: string; number: number; name: string; startsOn: string; endsOn: string; closed: boolean }[];
  classes: { id: string }[];
}

export const YEARS_QUERY: TypedDocumentNode<SchoolYearsQuery, SchoolYearsQueryVariables> = gql`
  query SchoolYears($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      schoolYearStatus
      # The classes of the current year by the server's clock tell which year is current.
      current: classes {
        id
        schoolYear
      }
      schoolYears {
        id
        year
        name
        startsOn
        endsOn
        periodKind
        status
        openedAt
        openedLate
        periods {
          id
          number
          name
          startsOn
          endsOn
          closed
        }
        classes {
          id
        }
      }
    }
  }
`;

export const CREATE_NEXT: TypedDocumentNode<SchoolCreateNextYearMutation, SchoolCreateNextYearMutationVariables> = gql`
  mutation SchoolCreateNextYear($input: CreateNextSchoolYearInput!) {
    createNextSchoolYear(input: $input) {
      id
      name
    }
  }
`;

export const OPEN_YEAR: TypedDocumentNode<SchoolOpenYearMutation, SchoolOpenYearMutationVariables> = gql`
  mutation SchoolOpenYear($id: ID!) {
    openSchoolYear(id: $id) {
      id
      name
      status
      openedAt
      openedLate
    }
  }
`;
