import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolMovementBookQuery,
  SchoolMovementBookQueryVariables,
  SchoolMovementCandidateQuery,
  SchoolMovementCandidateQueryVariables,
  SchoolMovementCandidatesQuery,
  SchoolMovementCandidatesQueryVariables,
  SchoolRecordMovementMutation,
  SchoolRecordMovementMutationVariables,
} from '../../../generated/graphql.ts';

export type MovementRow = SchoolMovementBookQuery['movementBook']['edges'][number]['node'];

export const MOVEMENT_BOOK_QUERY: TypedDocumentNode<SchoolMovementBookQuery, SchoolMovementBookQueryVariables> = gql`
  query SchoolMovementBook($organizationId: ID!, $first: Int!, $after: String) {
    movementBook(organizationId: $organizationId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          person {
            id
            fullName
          }
          organization {
            id
            shortName
          }
          className
          fromOrganization {
            id
            shortName
          }
          orderNumber
          orderDate
          effectiveOn
          reason
          paymentMethodName
          recordedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export type MovementInput = SchoolRecordMovementMutationVariables['input'];

export const RECORD_MOVEMENT: TypedDocumentNode<SchoolRecordMovementMutation, SchoolRecordMovementMutationVariables> =
  gql`
    mutation SchoolRecordMovement($input: MovementInput!) {
      recordMovement(input: $input) {
        id
      }
    }
  `;

export type Candidate = SchoolMovementCandidatesQuery['persons']['edges'][number]['node'];

export const CANDIDATES_QUERY: TypedDocumentNode<
  SchoolMovementCandidatesQuery,
  SchoolMovementCandidatesQueryVariables
> = gql`
  query SchoolMovementCandidates($name: String!, $organizationId: ID, $kind: PersonKind) {
    persons(filter: { name: $name, organizationId: $organizationId, kind: $kind }, first: 10) {
      totalCount
      edges {
        node {
          id
          fullName
          birthDate
          enrolment {
            classId
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

export const CANDIDATE_QUERY: TypedDocumentNode<SchoolMovementCandidateQuery, SchoolMovementCandidateQueryVariables> =
  gql`
    query SchoolMovementCandidate($id: ID!) {
      person(id: $id) {
        id
        fullName
        birthDate
        enrolment {
          classId
          className
          organization {
            id
            shortName
          }
        }
      }
    }
  `;
