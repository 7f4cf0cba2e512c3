import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolClassOptionsQuery,
  SchoolClassOptionsQueryVariables,
  SchoolCompletenessBreakdownQuery,
  SchoolCompletenessBreakdownQueryVariables,
  SchoolCompletenessQuery,
  SchoolCompletenessQueryVariables,
} from '../../../generated/graphql.ts';
import type { MandatoryField } from '../labels.ts';

export type PersonFilterInput = SchoolCompletenessQueryVariables['filter'];

export type CompletenessRow = SchoolCompletenessQuery['persons']['edges'][number]['node'];

export const COMPLETENESS_QUERY: TypedDocumentNode<SchoolCompletenessQuery, SchoolCompletenessQueryVariables> = gql`
  query SchoolCompleteness($filter: PersonFilter!, $first: Int!, $after: String) {
    persons(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          fullName
          depersonalized
          birthDate
          missingFields
          enrolment {
            classId
            className
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type Count = { totalCount: number };

export type BreakdownData = { all: Count; gaps: Count } & Record<MandatoryField, Count>;

/** How many cards there are, how many have gaps, and how many miss each mandatory field. */
export const BREAKDOWN_QUERY: TypedDocumentNode<
  SchoolCompletenessBreakdownQuery,
  SchoolCompletenessBreakdownQueryVariables
> = gql`
  query SchoolCompletenessBreakdown($organizationId: ID!, $kind: PersonKind!, $classId: ID) {
    all: persons(filter: { organizationId: $organizationId, kind: $kind, classId: $classId }, first: 1) {
      totalCount
    }
    gaps: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, hasMissingFields: true }
      first: 1
    ) {
      totalCount
    }
    FULL_NAME: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: FULL_NAME }
      first: 1
    ) {
      totalCount
    }
    BIRTH_DATE: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: BIRTH_DATE }
      first: 1
    ) {
      totalCount
    }
    SEX: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: SEX }
      first: 1
    ) {
      totalCount
    }
    IDENTITY_DOCUMENT: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: IDENTITY_DOCUMENT }
      first: 1
    ) {
      totalCount
    }
    PASSPORT: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: PASSPORT }
      first: 1
    ) {
      totalCount
    }
    CITIZENSHIP: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: CITIZENSHIP }
      first: 1
    ) {
      totalCount
    }
    PLACE_OF_BIRTH: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: PLACE_OF_BIRTH }
      first: 1
    ) {
      totalCount
    }
    REGISTRATION_ADDRESS: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: REGISTRATION_ADDRESS }
      first: 1
    ) {
      totalCount
    }
    RESIDENCE_ADDRESS: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: RESIDENCE_ADDRESS }
      first: 1
    ) {
      totalCount
    }
    EDUCATION_FORM: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: EDUCATION_FORM }
      first: 1
    ) {
      totalCount
    }
    SNILS: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: SNILS }
      first: 1
    ) {
      totalCount
    }
    MOVEMENT_FIRST: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: MOVEMENT_FIRST }
      first: 1
    ) {
      totalCount
    }
    MAIN_POSITION: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: MAIN_POSITION }
      first: 1
    ) {
      totalCount
    }
    QUALIFICATION_CATEGORY: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: QUALIFICATION_CATEGORY }
      first: 1
    ) {
      totalCount
    }
    PHONE: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: PHONE }
      first: 1
    ) {
      totalCount
    }
    EMAIL: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: EMAIL }
      first: 1
    ) {
      totalCount
    }
    EDUCATION: persons(
      filter: { organizationId: $organizationId, kind: $kind, classId: $classId, missingField: EDUCATION }
      first: 1
    ) {
      totalCount
    }
  }
`;

export type ClassOption = NonNullable<SchoolClassOptionsQuery['organization']>['classes'][number];

export const CLASS_OPTIONS_QUERY: TypedDocumentNode<SchoolClassOptionsQuery, SchoolClassOptionsQueryVariables> = gql`
  query SchoolClassOptions($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      classes {
        id
        name
        grade
      }
    }
  }
`;

/** Classes in school order: by parallel, then by name (5А, 5Б, 10В). */
export function sortClasses<T extends ClassOption>(classes: readonly T[]): T[] {
  return [...classes].sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0) || a.name.localeCompare(b.name, 'ru'));
}
