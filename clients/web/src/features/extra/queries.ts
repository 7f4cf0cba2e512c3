/**
 * A family's side of extra education (issue 11): the children's ПФДО certificates, applying to a group, the
 * applications and contracts. Shared by the guardian's cabinet and the student's (14+, for themselves).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ApplyToGroupMutation,
  ApplyToGroupMutationVariables,
  ExtraFamilyQuery,
  ExtraFamilyQueryVariables,
  ExtraFamilyRecordsQuery,
  ExtraFamilyRecordsQueryVariables,
  ExtraOwnRecordsQuery,
  ExtraOwnRecordsQueryVariables,
  IssueCertificateMutation,
  IssueCertificateMutationVariables,
  WithdrawExtraApplicationMutation,
  WithdrawExtraApplicationMutationVariables,
} from '../../generated/graphql.ts';

export type FamilyChild = NonNullable<ExtraFamilyQuery['person']>['children'][number];
export type FamilyCertificate = NonNullable<FamilyChild['extraCertificate']>;
export type RecordsChild = NonNullable<ExtraFamilyRecordsQuery['person']>['children'][number];
export type FamilyApplication = RecordsChild['extraApplications'][number];
export type FamilyContract = RecordsChild['extraContracts'][number];

const FAMILY_CERTIFICATE_FIELDS = gql`
  fragment FamilyCertificate on Certificate {
    id
    code
    depersonalized
    status
    statusName
    issuedOn
    money {
      credited
      reserved
      spent
      balance
      available
      period {
        id
        startsOn
        endsOn
      }
    }
  }
`;

/** The guardian's children with their birth dates (the catalogue's «возраст моего ребёнка») and certificates. */
export const EXTRA_FAMILY_QUERY: TypedDocumentNode<ExtraFamilyQuery, ExtraFamilyQueryVariables> = gql`
  query ExtraFamily($personId: ID!) {
    person(id: $personId) {
      id
      children {
        id
        fullName
        firstName
        birthDate
        extraCertificate {
          ...FamilyCertificate
        }
      }
    }
  }
  ${FAMILY_CERTIFICATE_FIELDS}
`;

const FAMILY_APPLICATION_FIELDS = gql`
  fragment FamilyApplication on ExtraApplication {
    id
    status
    statusName
    refusalReason
    paymentMethod
    createdAt
    programme {
      id
      name
    }
    group {
      id
      name
      schedule
    }
    organization {
      id
      shortName
    }
  }
`;

const FAMILY_CONTRACT_FIELDS = gql`
  fragment FamilyContract on ExtraContract {
    id
    paymentMethod
    paymentMethodName
    pricePerMonth
    concludedOn
    endedOn
    endReason
    active
    certificateCode
    programme {
      id
      name
    }
    group {
      id
      name
      schedule
    }
    organization {
      id
      shortName
    }
  }
`;

/** «Мои заявления» and «Договоры»: every child's, in the guardian's zone. */
export const EXTRA_FAMILY_RECORDS_QUERY: TypedDocumentNode<ExtraFamilyRecordsQuery, ExtraFamilyRecordsQueryVariables> =
  gql`
    query ExtraFamilyRecords($personId: ID!) {
      person(id: $personId) {
        id
        children {
          id
          fullName
          extraApplications {
            ...FamilyApplication
          }
          extraContracts {
            ...FamilyContract
          }
        }
      }
    }
    ${FAMILY_APPLICATION_FIELDS}
    ${FAMILY_CONTRACT_FIELDS}
  `;

export const ISSUE_CERTIFICATE: TypedDocumentNode<IssueCertificateMutation, IssueCertificateMutationVariables> = gql`
  mutation IssueCertificate($childId: ID!) {
    issueCertificate(childId: $childId) {
      ...FamilyCertificate
    }
  }
  ${FAMILY_CERTIFICATE_FIELDS}
`;

export const APPLY_TO_GROUP: TypedDocumentNode<ApplyToGroupMutation, ApplyToGroupMutationVariables> = gql`
  mutation ApplyToGroup($input: ApplyToGroupInput!) {
    applyToGroup(input: $input) {
      ...FamilyApplication
    }
  }
  ${FAMILY_APPLICATION_FIELDS}
`;

export const WITHDRAW_EXTRA_APPLICATION: TypedDocumentNode<
  WithdrawExtraApplicationMutation,
  WithdrawExtraApplicationMutationVariables
> = gql`
  mutation WithdrawExtraApplication($id: ID!) {
    withdrawExtraApplication(id: $id) {
      id
      status
      statusName
    }
  }
`;

export type OwnRecords = NonNullable<ExtraOwnRecordsQuery['person']>;

/** A student's own applications and contracts (14+: they apply for themselves). */
export const EXTRA_OWN_RECORDS_QUERY: TypedDocumentNode<ExtraOwnRecordsQuery, ExtraOwnRecordsQueryVariables> = gql`
  query ExtraOwnRecords($personId: ID!) {
    person(id: $personId) {
      id
      fullName
      extraApplications {
        ...FamilyApplication
      }
      extraContracts {
        ...FamilyContract
      }
    }
  }
  ${FAMILY_APPLICATION_FIELDS}
  ${FAMILY_CONTRACT_FIELDS}
`;
