import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolApplicationQuery,
  SchoolApplicationRowFragment,
  SchoolApplicationQueryVariables,
  SchoolApplicationsQuery,
  SchoolApplicationsQueryVariables,
  SchoolChangeApplicationStatusMutation,
  SchoolChangeApplicationStatusMutationVariables,
  SchoolSearchApplicationsQuery,
  SchoolSearchApplicationsQueryVariables,
} from '../../../generated/graphql.ts';

export type ApplicationRow = SchoolApplicationRowFragment;

/** An application as the lists and the application page show it. */
const APPLICATION_ROW = gql`
  fragment SchoolApplicationRow on Application {
    id
    kind
    year
    childName
    childBirthDate
    source
    epguNumber
    registeredAt
    category
    status
    choices {
      id
      shortName
    }
    directedTo {
      id
      shortName
    }
  }
`;

export const APPLICATIONS_QUERY: TypedDocumentNode<SchoolApplicationsQuery, SchoolApplicationsQueryVariables> = gql`
  query SchoolApplications($organizationId: ID!, $status: ApplicationStatus, $first: Int!, $after: String) {
    applications(organizationId: $organizationId, status: $status, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...SchoolApplicationRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${APPLICATION_ROW}
`;

export const SEARCH_QUERY: TypedDocumentNode<SchoolSearchApplicationsQuery, SchoolSearchApplicationsQueryVariables> =
  gql`
    query SchoolSearchApplications(
      $epguNumber: String
      $registeredOn: Date
      $birthCertificateSeries: String
      $birthCertificateNumber: String
    ) {
      searchApplications(
        epguNumber: $epguNumber
        registeredOn: $registeredOn
        birthCertificateSeries: $birthCertificateSeries
        birthCertificateNumber: $birthCertificateNumber
      ) {
        ...SchoolApplicationRow
      }
    }
    ${APPLICATION_ROW}
  `;

export type ApplicationDetail = NonNullable<SchoolApplicationQuery['application']>;

export const APPLICATION_QUERY: TypedDocumentNode<SchoolApplicationQuery, SchoolApplicationQueryVariables> = gql`
  query SchoolApplication($id: ID!) {
    application(id: $id) {
      ...SchoolApplicationRow
      child {
        id
        fullName
      }
      applicant {
        id
        fullName
        phone
        email
      }
      applicantName
      priorityRights
      residenceAddress
      documents
      comment
      nextStatuses
      history {
        from
        to
        reason
        changedBy {
          id
          fullName
        }
        changedAt
      }
    }
  }
  ${APPLICATION_ROW}
`;

export const CHANGE_STATUS: TypedDocumentNode<
  SchoolChangeApplicationStatusMutation,
  SchoolChangeApplicationStatusMutationVariables
> = gql`
  mutation SchoolChangeApplicationStatus(
    $id: ID!
    $status: ApplicationStatus!
    $reason: String
    $organizationId: ID
    $order: EnrolmentOrderInput
  ) {
    changeApplicationStatus(id: $id, status: $status, reason: $reason, organizationId: $organizationId, order: $order) {
      id
      status
      statusName
      nextStatuses
      directedTo {
        id
        shortName
      }
      history {
        from
        to
        reason
        changedBy {
          id
          fullName
        }
        changedAt
      }
    }
  }
`;
