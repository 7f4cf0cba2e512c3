import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolDuplicatesQuery,
  SchoolDuplicatesQueryVariables,
  SchoolMergePersonsMutation,
  SchoolMergePersonsMutationVariables,
} from '../../../generated/graphql.ts';

export type DuplicateRecord = Group['persons'][number];

export type Group = SchoolDuplicatesQuery['duplicates']['edges'][number]['node'];

export const DUPLICATES_QUERY: TypedDocumentNode<SchoolDuplicatesQuery, SchoolDuplicatesQueryVariables> = gql`
  query SchoolDuplicates($organizationId: ID!, $first: Int!, $after: String) {
    duplicates(organizationId: $organizationId, first: $first, after: $after) {
      edges {
        cursor
        node {
          normalizedName
          persons {
            id
            fullName
            birthDate
            snils
            identityDocument {
              type
              series
              number
            }
            lastLoginAt
            missingFields
            enrolment {
              className
              organization {
                shortName
              }
            }
            children {
              id
              fullName
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const MERGE: TypedDocumentNode<SchoolMergePersonsMutation, SchoolMergePersonsMutationVariables> = gql`
  mutation SchoolMergePersons($keepId: ID!, $mergeId: ID!) {
    mergePersons(keepId: $keepId, mergeId: $mergeId) {
      id
      fullName
    }
  }
`;
