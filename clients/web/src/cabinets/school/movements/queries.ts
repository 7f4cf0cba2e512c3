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
import type { MovementKind } from '../labels.ts';

export interface MovementRow {
  id: string;
  kind: MovementKind;
  person: { id: string; fullName: string } | null;
  organization: { id: string; shortName: string };
  className: string | null;
  fromOrganization: { id: string; shortName: string } | null;
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
  reason: string | null;
  recordedAt: string;
}

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

export interface MovementInput {
  personId: string;
  kind: MovementKind;
  organizationId: string;
  classId: string | null;
  className: string | null;
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
  reason: string | null;
}

export const RECORD_MOVEMENT: TypedDocumentNode<SchoolRecordMovementMutation, SchoolRecordMovementMutationVariables> =
  gql`
    mutation SchoolRecordMovement($input: MovementInput!) {
      recordMovement(input: $input) {
        id
      }
    }
  `;

export interface Candidate {
  id: string;
  fullName: string;
  birthDate: string | null;
  enrolment: {
    classId: string | null;
    className: string | null;
    organization: { id: string; shortName: string };
  } | null;
}

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
