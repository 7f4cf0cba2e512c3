import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolCardFieldsFragment,
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

export type CardPerson = SchoolCardFieldsFragment;

export type PersonCardData = SchoolPersonCardQuery;

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

export type HistoryEntry = NonNullable<NonNullable<SchoolPersonHistoryQuery['person']>['history']>[number];

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
