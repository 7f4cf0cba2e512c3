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

export interface SchoolOption {
  id: string;
  shortName: string;
  address: string | null;
}

export interface FormChild {
  id: string;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  identityDocument: {
    type: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE' | 'FOREIGN_PASSPORT';
    series: string | null;
    number: string;
  } | null;
  enrolment: {
    organization: { id: string; shortName: string; municipality: { id: string } };
    classId: string | null;
    className: string | null;
  } | null;
}

export interface FormData {
  person: { id: string; residenceAddress: string | null; children: FormChild[] } | null;
  municipalities: { id: string; name: string }[];
}

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

export interface SchoolsData {
  organizations: {
    edges: { cursor: string; node: SchoolOption }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

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

export interface SubmitApplicationInput {
  kind: 'FIRST_GRADE';
  childId: string;
  child: { lastName: string; firstName: string; middleName: string | null; birthDate: string };
  organizationIds: string[];
  category: 'PRIORITY' | 'TERRITORY' | 'OTHER';
  priorityRights: string[];
  residenceAddress: string | null;
  birthCertificateSeries: string | null;
  birthCertificateNumber: string | null;
  documents: string[];
  comment: string | null;
}

export const SUBMIT_APPLICATION: TypedDocumentNode<SubmitApplicationMutation, SubmitApplicationMutationVariables> = gql`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      id
      status
      statusName
    }
  }
`;
