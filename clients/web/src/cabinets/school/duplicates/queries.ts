import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolDuplicatesQuery,
  SchoolDuplicatesQueryVariables,
  SchoolMergePersonsMutation,
  SchoolMergePersonsMutationVariables,
} from '../../../generated/graphql.ts';
import type { DocumentType } from '../labels.ts';

export interface DuplicateRecord {
  id: string;
  fullName: string;
  birthDate: string | null;
  snils: string | null;
  identityDocument: { type: DocumentType; series: string | null; number: string } | null;
  lastLoginAt: string | null;
  missingFields: string[] | null;
  enrolment: { className: string | null; organization: { shortName: string } } | null;
  children: { id: string; fullName: string }[];
}

export interface Group {
  normalizedName: string;
  persons: DuplicateRecord[];
}

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
