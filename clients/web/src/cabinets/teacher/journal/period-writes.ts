/**
 * Period marks (итог за четверть/полугодие) from the grid's «Итог» column: `setPeriodMark` sets or corrects
 * one, `deleteMark` removes it (both keep the history on the server). Like the lesson cells, the change
 * shows at once through an optimistic response and rolls back by itself when the server refuses.
 */
import type { ApolloCache, ApolloClient } from '@apollo/client';
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  TeacherDeletePeriodMarkMutation,
  TeacherDeletePeriodMarkMutationVariables,
  TeacherSetPeriodMarkMutation,
  TeacherSetPeriodMarkMutationVariables,
} from '../../../generated/graphql.ts';
import { JOURNAL_QUERY, type JournalData, type JournalVars, type MarkValue } from './operations.ts';

export type PeriodMark = TeacherSetPeriodMarkMutation['setPeriodMark'];

export interface SetPeriodMarkInput {
  classId: string;
  subjectId: string;
  periodId: string;
  studentId: string;
  value: MarkValue;
}

export const SET_PERIOD_MARK: TypedDocumentNode<TeacherSetPeriodMarkMutation, TeacherSetPeriodMarkMutationVariables> =
  gql`
    mutation TeacherSetPeriodMark($input: SetPeriodMarkInput!) {
      setPeriodMark(input: $input) {
        id
        kind
        value
        student {
          id
        }
      }
    }
  `;

export const DELETE_PERIOD_MARK: TypedDocumentNode<
  TeacherDeletePeriodMarkMutation,
  TeacherDeletePeriodMarkMutationVariables
> = gql`
  mutation TeacherDeletePeriodMark($id: ID!) {
    deleteMark(id: $id) {
      id
    }
  }
`;

/** Replaces the student's period mark in the cached grid (or removes it when `mark` is null). */
function mergePeriodMark(cache: ApolloCache, variables: JournalVars, studentId: string, mark: PeriodMark | null) {
  cache.updateQuery({ query: JOURNAL_QUERY, variables }, (data: JournalData | null) => {
    const journal = data?.class?.journal;
    if (!data?.class || !journal) return data ?? undefined;
    const others = journal.periodMarks.filter((m) => !(m.kind === 'PERIOD' && m.student.id === studentId));
    return {
      ...data,
      class: { ...data.class, journal: { ...journal, periodMarks: mark ? [...others, mark] : others } },
    };
  });
}

/**
 * Sets (value) or deletes (null) a student's period mark, optimistically; rejects with the server's error.
 * `current` is the mark the grid shows now: a deletion needs its id.
 */
export async function savePeriodMark(
  client: ApolloClient,
  variables: JournalVars,
  place: { periodId: string; studentId: string },
  current: PeriodMark | undefined,
  value: MarkValue | null,
): Promise<void> {
  const { studentId } = place;
  if (value === null) {
    if (!current) return;
    await client.mutate({
      mutation: DELETE_PERIOD_MARK,
      variables: { id: current.id },
      optimisticResponse: { deleteMark: { __typename: 'Mark', id: current.id } },
      update: (cache) => mergePeriodMark(cache, variables, studentId, null),
    });
    return;
  }
  const input = { classId: variables.classId, subjectId: variables.subjectId, ...place, value };
  await client.mutate({
    mutation: SET_PERIOD_MARK,
    variables: { input },
    optimisticResponse: {
      setPeriodMark: {
        __typename: 'Mark',
        id: current?.id ?? `optimistic:period:${place.periodId}:${studentId}`,
        kind: 'PERIOD',
        value,
        student: { __typename: 'Person', id: studentId },
      },
    },
    update: (cache, { data }) => {
      if (data) mergePeriodMark(cache, variables, studentId, data.setPeriodMark);
    },
  });
}
