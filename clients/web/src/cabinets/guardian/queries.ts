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

export interface ChildCard {
  id: string;
  fullName: string;
  firstName: string;
  lastName: string;
  enrolment: {
    organization: { id: string; shortName: string };
    classId: string | null;
    className: string | null;
  } | null;
}

export interface ChildrenData {
  person: { id: string; children: ChildCard[] } | null;
}

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

export interface ChildSummaryData {
  person: {
    id: string;
    overdueHomework: { id: string }[] | null;
    portfolioReadiness: {
      ready: boolean;
      problems: { code: string; message: string; guardian: { id: string; fullName: string } | null }[];
    } | null;
  } | null;
}

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

export interface ConsentRequestsData {
  me: {
    consentRequests: {
      id: string;
      kind: 'PROCESSING' | 'MINOR_LOGIN' | 'DATA_TRANSFER';
      requestedAt: string;
      child: { id: string; fullName: string };
    }[];
  };
}

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
