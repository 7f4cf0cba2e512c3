/** Promotion orders after the next school year is formed: classes of both years, a class's learners, the order. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolPromotionClassesQuery,
  SchoolPromotionClassesQueryVariables,
  SchoolPromotionLearnersQuery,
  SchoolPromotionLearnersQueryVariables,
  SchoolRecordClassMovementMutation,
  SchoolRecordClassMovementMutationVariables,
} from '../../../generated/graphql.ts';

export type YearClass = NonNullable<SchoolPromotionClassesQuery['organization']>['current'][number];

export const PROMOTION_CLASSES: TypedDocumentNode<SchoolPromotionClassesQuery, SchoolPromotionClassesQueryVariables> =
  gql`
    query SchoolPromotionClasses($organizationId: ID!, $current: Int!, $next: Int!, $nextStartsOn: Date!) {
      organization(id: $organizationId) {
        id
        current: classes(schoolYear: $current) {
          id
          name
          grade
          letter
        }
        # Next year's classes with the learners placed in them when the year was formed (repeaters included).
        next: classes(schoolYear: $next) {
          id
          name
          grade
          letter
          students(on: $nextStartsOn) {
            id
          }
        }
      }
    }
  `;

/** Bounded: a class is far smaller; the total is shown when it is not. */
export const LEARNERS_PAGE = 60;

export const CLASS_LEARNERS: TypedDocumentNode<SchoolPromotionLearnersQuery, SchoolPromotionLearnersQueryVariables> =
  gql`
    query SchoolPromotionLearners(
      $organizationId: ID!
      $classId: ID!
      $toClassId: ID!
      $transfer: Boolean!
      $first: Int!
    ) {
      learners: persons(filter: { organizationId: $organizationId, classId: $classId }, first: $first) {
        totalCount
        edges {
          node {
            id
            fullName
          }
        }
      }
      # Learners already enrolled (from the order's date) in next year's class.
      moved: persons(filter: { organizationId: $organizationId, classId: $toClassId }, first: 1)
        @include(if: $transfer) {
        totalCount
      }
    }
  `;

export type ClassMovementInput = SchoolRecordClassMovementMutationVariables['input'];

export const RECORD_CLASS_MOVEMENT: TypedDocumentNode<
  SchoolRecordClassMovementMutation,
  SchoolRecordClassMovementMutationVariables
> = gql`
  mutation SchoolRecordClassMovement($input: ClassMovementInput!) {
    recordClassMovement(input: $input) {
      id
      kind
      className
    }
  }
`;

/** What one class of the current year gets: a transfer into next year's class, graduation, or nothing. */
export type PromotionTarget =
  | { kind: 'TRANSFER'; to: YearClass; repeaters: Set<string> }
  | { kind: 'GRADUATE'; note: string | null; repeaters: Set<string> }
  | { kind: 'NONE'; note: string };

const sameLetter = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export function promotionTarget(
  from: YearClass,
  next: readonly (YearClass & { students: { id: string }[] })[],
): PromotionTarget {
  if (from.grade === null) return { kind: 'NONE', note: 'Класс без параллели: переводится отдельными записями.' };
  // The class formed again for next year with the same parallel holds the repeaters chosen then.
  const again = next.find((c) => c.grade === from.grade && sameLetter(c.letter, from.letter));
  const repeaters = new Set(again?.students.map((s) => s.id) ?? []);
  if (from.grade >= 11) return { kind: 'GRADUATE', note: null, repeaters };
  const to = next.find((c) => c.grade === from.grade! + 1 && sameLetter(c.letter, from.letter));
  if (to) return { kind: 'TRANSFER', to, repeaters };
  const wanted = `${from.grade + 1}${from.letter ?? ''}`;
  if (from.grade === 9) {
    return {
      kind: 'GRADUATE',
      note: `В следующем году нет класса ${wanted}, поэтому предлагается выпуск после 9 класса (основное общее образование).`,
      repeaters,
    };
  }
  return {
    kind: 'NONE',
    note: `В следующем году нет класса ${wanted}: перевод невозможен. Проверьте классы следующего года.`,
  };
}
