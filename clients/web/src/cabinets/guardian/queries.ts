/** The guardian's children and the consent requests waiting for their decision. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  GuardianChildSummaryQuery,
  GuardianChildSummaryQueryVariables,
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

export const CHILD_SUMMARY_QUERY: TypedDocumentNode<GuardianChildSummaryQuery, GuardianChildSummaryQueryVariables> =
  gql`
    query GuardianChildSummary($personId: ID!) {
      person(id: $personId) {
        id
        overdueHomework {
          id
        }
        # The same fields as the readiness page: the readiness is one cached shape for both.
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
