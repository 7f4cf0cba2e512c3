import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolCreatePersonMutation,
  SchoolCreatePersonMutationVariables,
  SchoolNamesakesQuery,
  SchoolNamesakesQueryVariables,
  SchoolPersonCardQuery,
  SchoolPersonCardQueryVariables,
  SchoolPersonHistoryQuery,
  SchoolPersonHistoryQueryVariables,
  SchoolUpdatePersonMutation,
  SchoolUpdatePersonMutationVariables,
} from '../../../generated/graphql.ts';
import type { DocumentType, MandatoryField, MovementKind, Sex } from '../labels.ts';

export interface CardPerson {
  id: string;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  depersonalized: boolean;
  birthDate: string | null;
  sex: Sex | null;
  snils: string | null;
  citizenship: string | null;
  placeOfBirth: string | null;
  registrationAddress: string | null;
  residenceAddress: string | null;
  identityDocument: { type: DocumentType; series: string | null; number: string; issuedOn: string | null } | null;
  educationForm: string | null;
  movementFirst: boolean | null;
  education: string | null;
  phone: string | null;
  email: string | null;
  missingFields: MandatoryField[] | null;
  lastLoginAt: string | null;
}

interface Relative {
  id: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  enrolment: { className: string | null; organization: { id: string; shortName: string } } | null;
}

export interface PersonCardData {
  person:
    | (CardPerson & {
        guardians: Relative[];
        children: Relative[];
        enrolment: {
          organization: { id: string; shortName: string };
          classId: string | null;
          className: string | null;
          startedOn: string;
        } | null;
        movements:
          | {
              id: string;
              kind: MovementKind;
              className: string | null;
              orderNumber: string;
              orderDate: string;
              effectiveOn: string;
              reason: string | null;
              organization: { id: string; shortName: string };
              fromOrganization: { id: string; shortName: string } | null;
            }[]
          | null;
      })
    | null;
}

/** The card's own fields: the card page reads them, and an edit answers with them to refresh the cache. */
const CARD_FIELDS = gql`
  fragment SchoolCardFields on Person {
    id
    fullName
    lastName
    firstName
    middleName
    depersonalized
    birthDate
    sex
    snils
    citizenship
    placeOfBirth
    registrationAddress
    residenceAddress
    identityDocument {
      type
      series
      number
      issuedOn
    }
    educationForm
    movementFirst
    education
    phone
    email
    missingFields
    lastLoginAt
  }
`;

export const PERSON_CARD_QUERY: TypedDocumentNode<SchoolPersonCardQuery, SchoolPersonCardQueryVariables> = gql`
  query SchoolPersonCard($id: ID!) {
    person(id: $id) {
      ...SchoolCardFields
      guardians {
        id
        fullName
        phone
        email
        enrolment {
          className
          organization {
            id
            shortName
          }
        }
      }
      children {
        id
        fullName
        phone
        email
        enrolment {
          className
          organization {
            id
            shortName
          }
        }
      }
      enrolment {
        organization {
          id
          shortName
        }
        classId
        className
        startedOn
      }
      movements {
        id
        kind
        className
        orderNumber
        orderDate
        effectiveOn
        reason
        organization {
          id
          shortName
        }
        fromOrganization {
          id
          shortName
        }
      }
    }
  }
  ${CARD_FIELDS}
`;

export interface HistoryEntry {
  id: string;
  entity: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedBy: { id: string; fullName: string } | null;
  changedAt: string;
}

export const PERSON_HISTORY_QUERY: TypedDocumentNode<SchoolPersonHistoryQuery, SchoolPersonHistoryQueryVariables> = gql`
  query SchoolPersonHistory($id: ID!, $first: Int!) {
    person(id: $id) {
      id
      history(first: $first) {
        id
        entity
        field
        oldValue
        newValue
        changedBy {
          id
          fullName
        }
        changedAt
      }
    }
  }
`;

/** The answer carries the whole card, so the card in the cache refreshes without another request. */
export const UPDATE_PERSON: TypedDocumentNode<SchoolUpdatePersonMutation, SchoolUpdatePersonMutationVariables> = gql`
  mutation SchoolUpdatePerson($id: ID!, $input: PersonPatch!) {
    updatePerson(id: $id, input: $input) {
      ...SchoolCardFields
    }
  }
  ${CARD_FIELDS}
`;

export const CREATE_PERSON: TypedDocumentNode<SchoolCreatePersonMutation, SchoolCreatePersonMutationVariables> = gql`
  mutation SchoolCreatePerson($input: CreatePersonInput!, $confirm: Boolean) {
    createPerson(input: $input, confirmPossibleDuplicate: $confirm) {
      id
      fullName
    }
  }
`;

/** Namesakes the admin can see, shown when the server answers «possible duplicate». */
export const NAMESAKES_QUERY: TypedDocumentNode<SchoolNamesakesQuery, SchoolNamesakesQueryVariables> = gql`
  query SchoolNamesakes($name: String!) {
    persons(filter: { name: $name }, first: 10) {
      totalCount
      edges {
        node {
          id
          fullName
          birthDate
          enrolment {
            className
            organization {
              shortName
            }
          }
        }
      }
    }
  }
`;
