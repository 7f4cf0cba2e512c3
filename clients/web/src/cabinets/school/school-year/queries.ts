import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolCreateNextYearMutation,
  SchoolCreateNextYearMutationVariables,
  SchoolOpenYearMutation,
  SchoolOpenYearMutationVariables,
  SchoolYearsQuery,
  SchoolYearsQueryVariables,
} from '../../../generated/graphql.ts';

export type SchoolYear = NonNullable<SchoolYearsQuery['organization']>['schoolYears'][number];
export type SchoolYearForming = NonNullable<SchoolYearsQuery['organization']>['nextSchoolYearForming'];

export const YEARS_QUERY: TypedDocumentNode<SchoolYearsQuery, SchoolYearsQueryVariables> = gql`
  query SchoolYears($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      schoolYearStatus
      nextSchoolYearForming {
        schoolYear
        name
        opensOn
        open
      }
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
