import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ApplicationCategory, ApplicationKind, ApplicationSource, ApplicationStatus } from '../labels.ts';

export interface ApplicationRow {
  id: string;
  kind: ApplicationKind;
  year: number;
  childName: string;
  childBirthDate: string | null;
  source: ApplicationSource;
  epguNumber: string | null;
  registeredAt: string;
  category: ApplicationCategory;
  status: ApplicationStatus;
  choices: { id: string; shortName: string }[];
  directedTo: { id: string; shortName: string } | null;
}

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

export const APPLICATIONS_QUERY: TypedDocumentNode<
  {
    applications: {
      edges: { cursor: string; node: ApplicationRow }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  },
  { organizationId: string; status: ApplicationStatus | null; first: number; after: string | null }
> = gql`
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

export const SEARCH_QUERY: TypedDocumentNode<
  { searchApplications: ApplicationRow[] },
  {
    epguNumber: string | null;
    registeredOn: string | null;
    birthCertificateSeries: string | null;
    birthCertificateNumber: string | null;
  }
> = gql`
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

export interface ApplicationDetail extends ApplicationRow {
  child: { id: string; fullName: string } | null;
  applicant: { id: string; fullName: string; phone: string | null; email: string | null } | null;
  applicantName: string | null;
  priorityRights: string[];
  residenceAddress: string | null;
  documents: string[] | null;
  comment: string | null;
  nextStatuses: ApplicationStatus[];
  history: {
    from: ApplicationStatus | null;
    to: ApplicationStatus;
    reason: string | null;
    changedBy: { id: string; fullName: string } | null;
    changedAt: string;
  }[];
}

export const APPLICATION_QUERY: TypedDocumentNode<{ application: ApplicationDetail | null }, { id: string }> = gql`
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
  { changeApplicationStatus: { id: string; status: ApplicationStatus } },
  {
    id: string;
    status: ApplicationStatus;
    reason: string | null;
    organizationId: string | null;
    order: { number: string; date: string } | null;
  }
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
