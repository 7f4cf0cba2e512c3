/** The organization's applications and contracts (issue 11, rule 20): decisions, conclusion, ending. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ConcludeExtraContractMutation,
  ConcludeExtraContractMutationVariables,
  DecideExtraApplicationMutation,
  DecideExtraApplicationMutationVariables,
  EndExtraContractMutation,
  EndExtraContractMutationVariables,
  OrganizationExtraApplicationsQuery,
  OrganizationExtraApplicationsQueryVariables,
  OrganizationExtraContractsQuery,
  OrganizationExtraContractsQueryVariables,
} from '../../generated/graphql.ts';

export type OrganizationApplication = OrganizationExtraApplicationsQuery['extraApplications']['edges'][number]['node'];
export type OrganizationContract = OrganizationExtraContractsQuery['extraContracts']['edges'][number]['node'];

export const ORGANIZATION_APPLICATIONS_QUERY: TypedDocumentNode<
  OrganizationExtraApplicationsQuery,
  OrganizationExtraApplicationsQueryVariables
> = gql`
  query OrganizationExtraApplications(
    $organizationId: ID!
    $status: ExtraApplicationStatus
    $first: Int!
    $after: String
  ) {
    extraApplications(organizationId: $organizationId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          statusName
          refusalReason
          source
          paymentMethod
          createdAt
          child {
            id
            fullName
          }
          programme {
            id
            name
            funding
          }
          group {
            id
            name
            freePlaces
          }
          contract {
            id
          }
        }
      }
    }
  }
`;

export const ORGANIZATION_CONTRACTS_QUERY: TypedDocumentNode<
  OrganizationExtraContractsQuery,
  OrganizationExtraContractsQueryVariables
> = gql`
  query OrganizationExtraContracts($organizationId: ID!, $active: Boolean, $first: Int!, $after: String) {
    extraContracts(organizationId: $organizationId, active: $active, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          paymentMethod
          paymentMethodName
          pricePerMonth
          concludedOn
          endedOn
          endReason
          active
          certificateCode
          reservedAmount
          remainingReserve
          child {
            id
            fullName
          }
          programme {
            id
            name
          }
          group {
            id
            name
          }
        }
      }
    }
  }
`;

export const DECIDE_EXTRA_APPLICATION: TypedDocumentNode<
  DecideExtraApplicationMutation,
  DecideExtraApplicationMutationVariables
> = gql`
  mutation DecideExtraApplication($id: ID!, $accept: Boolean!, $reason: String) {
    decideExtraApplication(id: $id, accept: $accept, reason: $reason) {
      id
      status
      statusName
      refusalReason
    }
  }
`;

export const CONCLUDE_EXTRA_CONTRACT: TypedDocumentNode<
  ConcludeExtraContractMutation,
  ConcludeExtraContractMutationVariables
> = gql`
  mutation ConcludeExtraContract($applicationId: ID!, $paymentMethod: PaymentMethod!) {
    concludeExtraContract(applicationId: $applicationId, paymentMethod: $paymentMethod) {
      id
      paymentMethodName
      certificateCode
    }
  }
`;

export const END_EXTRA_CONTRACT: TypedDocumentNode<EndExtraContractMutation, EndExtraContractMutationVariables> = gql`
  mutation EndExtraContract($id: ID!, $reason: String!) {
    endExtraContract(id: $id, reason: $reason) {
      id
      active
      endedOn
      endReason
    }
  }
`;
