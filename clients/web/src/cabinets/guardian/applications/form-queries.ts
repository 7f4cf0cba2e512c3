/** What the first-grade application form reads: the children's cards, the address, the schools. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ApplicationFormDataQuery,
  ApplicationFormDataQueryVariables,
  SchoolsForAddressQuery,
  SchoolsForAddressQueryVariables,
  SchoolsOfMunicipalityQuery,
  SchoolsOfMunicipalityQueryVariables,
  SubmitApplicationMutation,
  SubmitApplicationMutationVariables,
} from '../../../generated/graphql.ts';

export type SchoolOption = SchoolsForAddressQuery['schoolsForAddress'][number];

export type FormChild = NonNullable<ApplicationFormDataQuery['person']>['children'][number];

export type FormData = ApplicationFormDataQuery;

export const FORM_QUERY: TypedDocumentNode<ApplicationFormDataQuery, ApplicationFormDataQueryVariables> = gql`
  query ApplicationFormData($personId: ID!) {
    person(id: $personId) {
      id
      residenceAddress
      children {
        id
        fullName
        lastName
        firstName
        middleName
        birthDate
        identityDocument {
          type
          series
          number
        }
        # The same enrolment fields as the children's list: one cached shape.
        enrolment {
          organization {
            id
            shortName
            municipality {
              id
            }
          }
          classId
          className
        }
      }
    }
    municipalities {
      id
      name
    }
  }
`;

export const SCHOOLS_FOR_ADDRESS: TypedDocumentNode<SchoolsForAddressQuery, SchoolsForAddressQueryVariables> = gql`
  query SchoolsForAddress($address: String!) {
    schoolsForAddress(address: $address) {
      id
      shortName
      address
    }
  }
`;

export const SCHOOLS_QUERY: TypedDocumentNode<SchoolsOfMunicipalityQuery, SchoolsOfMunicipalityQueryVariables> = gql`
  query SchoolsOfMunicipality($municipalityId: ID, $first: Int, $after: String) {
    organizations(filter: { type: SCHOOL, municipalityId: $municipalityId }, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          shortName
          address
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export type SubmitApplicationInput = SubmitApplicationMutationVariables['input'];

export const SUBMIT_APPLICATION: TypedDocumentNode<SubmitApplicationMutation, SubmitApplicationMutationVariables> = gql`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      id
      status
      statusName
    }
  }
`;
