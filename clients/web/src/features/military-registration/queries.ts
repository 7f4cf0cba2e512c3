/** ГИР ВУ (issue 12, rules 14 and 22): the school's list and errors, the territory's report, the file. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  MilitaryRegistrationFileQuery,
  MilitaryRegistrationFileQueryVariables,
  SchoolMilitaryRegistrationQuery,
  SchoolMilitaryRegistrationQueryVariables,
  TerritoryMilitaryRegistrationQuery,
  TerritoryMilitaryRegistrationQueryVariables,
} from '../../generated/graphql.ts';

export type RegistrationLearner = NonNullable<
  SchoolMilitaryRegistrationQuery['militaryRegistration']
>['learners']['edges'][number]['node'];
export type RegistrationFigures = NonNullable<TerritoryMilitaryRegistrationQuery['militaryRegistration']>['summary'];
export type OrganizationFigures = NonNullable<
  TerritoryMilitaryRegistrationQuery['militaryRegistration']
>['organizations']['edges'][number]['node'];

export const SCHOOL_MILITARY_REGISTRATION: TypedDocumentNode<
  SchoolMilitaryRegistrationQuery,
  SchoolMilitaryRegistrationQueryVariables
> = gql`
  query SchoolMilitaryRegistration($organizationId: ID!, $onlyWithProblems: Boolean!, $first: Int!, $after: String) {
    militaryRegistration(organizationId: $organizationId) {
      year
      birthYear
      summary {
        learners
        learnersWithProblems
        withheld
        problems {
          code
          message
          count
        }
      }
      learners(onlyWithProblems: $onlyWithProblems, first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            personId
            lastName
            firstName
            middleName
            birthDate
            sex
            snils
            className
            identityDocument {
              type
              series
              number
            }
            registrationAddress
            problems {
              code
              message
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const TERRITORY_MILITARY_REGISTRATION: TypedDocumentNode<
  TerritoryMilitaryRegistrationQuery,
  TerritoryMilitaryRegistrationQueryVariables
> = gql`
  query TerritoryMilitaryRegistration($municipalityId: ID, $first: Int!, $after: String) {
    militaryRegistration(municipalityId: $municipalityId) {
      year
      birthYear
      summary {
        learners
        learnersWithProblems
        withheld
        problems {
          code
          message
          count
        }
      }
      organizations(first: $first, after: $after) {
        edges {
          cursor
          node {
            organization {
              id
              shortName
              municipality {
                id
                name
              }
            }
            learners
            learnersWithProblems
            withheld
            problems {
              code
              message
              count
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const MILITARY_REGISTRATION_FILE: TypedDocumentNode<
  MilitaryRegistrationFileQuery,
  MilitaryRegistrationFileQueryVariables
> = gql`
  query MilitaryRegistrationFile($organizationId: ID, $municipalityId: ID) {
    militaryRegistration(organizationId: $organizationId, municipalityId: $municipalityId) {
      file {
        fileName
        mediaType
        rowCount
        withheld
        contentBase64
      }
    }
  }
`;
