import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DataReadAnomaliesQuery,
  DataReadAnomaliesQueryVariables,
  DataReadAuditQuery,
  DataReadAuditQueryVariables,
  DataReadPersonSearchQuery,
  DataReadPersonSearchQueryVariables,
  DataReadsQuery,
  DataReadsQueryVariables,
} from '../../generated/graphql.ts';

/** «Кто просматривал мои данные»: the person's own (no personId) or a child's log. */
export const DATA_READS_QUERY: TypedDocumentNode<DataReadsQuery, DataReadsQueryVariables> = gql`
  query DataReads($personId: ID, $first: Int, $after: String) {
    personalDataReads(personId: $personId, first: $first, after: $after) {
      edges {
        node {
          id
          readAt
          role
          fieldNames
          serviceAccount
          organization {
            id
            shortName
          }
          municipality {
            id
            name
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

/** The regional operator's audit of one person: who exactly read, and through which operation. */
export const DATA_READ_AUDIT_QUERY: TypedDocumentNode<DataReadAuditQuery, DataReadAuditQueryVariables> = gql`
  query DataReadAudit($personId: ID!, $first: Int, $after: String) {
    personalDataReads(personId: $personId, first: $first, after: $after) {
      edges {
        node {
          id
          readAt
          role
          fieldNames
          serviceAccount
          operation
          reader {
            id
            fullName
          }
          organization {
            id
            shortName
          }
          municipality {
            id
            name
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

export const DATA_READ_PERSON_SEARCH: TypedDocumentNode<DataReadPersonSearchQuery, DataReadPersonSearchQueryVariables> =
  gql`
    query DataReadPersonSearch($name: String!) {
      persons(filter: { name: $name }, first: 20) {
        edges {
          node {
            id
            fullName
            enrolment {
              className
              organization {
                id
                shortName
              }
            }
          }
        }
      }
    }
  `;

export const DATA_READ_ANOMALIES_QUERY: TypedDocumentNode<DataReadAnomaliesQuery, DataReadAnomaliesQueryVariables> =
  gql`
    query DataReadAnomalies($day: Date) {
      personalDataReadAnomalies(day: $day) {
        day
        role
        persons
        usual
        threshold
        serviceAccount
        reader {
          id
          fullName
        }
      }
    }
  `;
