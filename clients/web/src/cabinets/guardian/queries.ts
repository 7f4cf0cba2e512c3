/** The guardian's children and the consent requests waiting for their decision. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  GuardianHomeQuery,
  GuardianHomeQueryVariables,
  GuardianChildrenQuery,
  GuardianChildrenQueryVariables,
  GuardianConsentRequestsQuery,
  GuardianConsentRequestsQueryVariables,
} from '../../generated/graphql.ts';

export type ChildCard = NonNullable<GuardianChildrenQuery['person']>['children'][number];

export const CHILDREN_QUERY: TypedDocumentNode<GuardianChildrenQuery, GuardianChildrenQueryVariables> = gql`
  query GuardianChildren($personId: ID!) {
    person(id: $personId) {
      id
      children {
        id
        fullName
        firstName
        lastName
        enrolment {
          organization {
            id
            shortName
          }
          classId
          className
        }
      }
    }
  }
`;

export type HomeChild = NonNullable<GuardianHomeQuery['person']>['children'][number];
export type HomeApplication = NonNullable<NonNullable<GuardianHomeQuery['person']>['applications']>[number];

/**
 * «Мои дети» in one request: each child with overdue work and ЕПГУ readiness, so a card shows whole rather
 * than its badges arriving one by one, and the guardian's own applications, for a child known only from an
 * application (a younger one in the kindergarten queue, without a card at any school yet). The week's marks
 * are the diary's own query (children × days × lessons × marks in one operation is past the gateway's cost
 * limit); the card keeps their line in place while they load.
 */
export const HOME_QUERY: TypedDocumentNode<GuardianHomeQuery, GuardianHomeQueryVariables> = gql`
  query GuardianHome($personId: ID!) {
    person(id: $personId) {
      id
      children {
        id
        fullName
        firstName
        lastName
        enrolment {
          organization {
            id
            shortName
          }
          classId
          className
        }
        overdueHomework {
          id
        }
        portfolioReadiness {
          ready
          problems {
            code
            message
            guardian {
              id
              fullName
            }
          }
        }
      }
      applications {
        id
        kind
        year
        status
        statusName
        childName
        childBirthDate
        child {
          id
        }
        queuePositions {
          organization {
            id
            shortName
          }
          position
          current
        }
      }
    }
  }
`;

export type ConsentRequestsData = GuardianConsentRequestsQuery;

/** Read past the cache (`no-cache`): the requests are few and must be fresh when a parent decides. */
export const CONSENT_REQUESTS_QUERY: TypedDocumentNode<
  GuardianConsentRequestsQuery,
  GuardianConsentRequestsQueryVariables
> = gql`
  query GuardianConsentRequests {
    me {
      consentRequests {
        id
        kind
        requestedAt
        child {
          id
          fullName
        }
      }
    }
  }
`;
