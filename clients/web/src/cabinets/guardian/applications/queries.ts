/**
 * Applications of the guardian and of their children. Every document reads an application with the same
 * fields (written out in each, since gql literals take no interpolation), so the cached application —
 * with its history and queue lists — is one shape for the list, the detail and the mutations.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  GuardianApplicationFragment,
  GuardianApplicationQuery,
  GuardianApplicationQueryVariables,
  GuardianApplicationsQuery,
  GuardianApplicationsQueryVariables,
  WithdrawApplicationMutation,
  WithdrawApplicationMutationVariables,
} from '../../../generated/graphql.ts';

/** What the applications pages show of an application (the `GuardianApplication` fragment). */
export type ApplicationData = GuardianApplicationFragment;

export type ApplicationsData = GuardianApplicationsQuery;

/** What the applications pages show of an application, in the list and on its own page alike. */
const APPLICATION_FIELDS = gql`
  fragment GuardianApplication on Application {
    id
    kind
    year
    status
    statusName
    childName
    childBirthDate
    child {
      id
      fullName
    }
    applicant {
      id
    }
    source
    epguNumber
    registeredAt
    category
    priorityRights
    residenceAddress
    documents
    comment
    choices {
      id
      shortName
      address
    }
    directedTo {
      id
      shortName
    }
    history {
      from
      to
      reason
      changedAt
    }
    queuePositions {
      organization {
        id
        shortName
      }
      position
      previousPosition
      reason
      current
      changedAt
    }
  }
`;

/** Filed by me, and filed for my children by anyone (the other parent, ЕПГУ). */
export const APPLICATIONS_QUERY: TypedDocumentNode<GuardianApplicationsQuery, GuardianApplicationsQueryVariables> = gql`
  query GuardianApplications($personId: ID!) {
    person(id: $personId) {
      id
      applications {
        ...GuardianApplication
      }
      children {
        id
        fullName
        applications {
          ...GuardianApplication
        }
      }
    }
  }
  ${APPLICATION_FIELDS}
`;

export const APPLICATION_QUERY: TypedDocumentNode<GuardianApplicationQuery, GuardianApplicationQueryVariables> = gql`
  query GuardianApplication($id: ID!) {
    application(id: $id) {
      ...GuardianApplication
    }
  }
  ${APPLICATION_FIELDS}
`;

export const WITHDRAW_APPLICATION: TypedDocumentNode<
  WithdrawApplicationMutation,
  WithdrawApplicationMutationVariables
> = gql`
  mutation WithdrawApplication($id: ID!, $reason: String) {
    withdrawApplication(id: $id, reason: $reason) {
      id
      status
      statusName
      history {
        from
        to
        reason
        changedAt
      }
    }
  }
`;

/** All applications the guardian can see, each once, newest first. */
export function collectApplications(data: ApplicationsData | undefined): ApplicationData[] {
  const byId = new Map<string, ApplicationData>();
  for (const application of data?.person?.applications ?? []) byId.set(application.id, application);
  for (const child of data?.person?.children ?? [])
    for (const application of child.applications ?? []) byId.set(application.id, application);
  return [...byId.values()].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
}
