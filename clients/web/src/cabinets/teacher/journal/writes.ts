/**
 * Writing the journal from the grid and the lesson editor: every change goes through `saveLesson` (one
 * transaction on the server). The grid shows the change at once through an optimistic response; Apollo
 * drops that layer when the server refuses, so the cell rolls back by itself. Only the students a write
 * touched are replaced in the cached grid, so two quick entries in one lesson never undo each other.
 */
import type { ApolloCache, ApolloClient } from '@apollo/client';
import {
  JOURNAL_QUERY,
  SAVE_LESSON,
  UPDATE_LESSON,
  type AttendanceStatus,
  type GridAttendance,
  type GridLesson,
  type GridMark,
  type JournalData,
  type JournalVars,
  type MarkKind,
  type MarkValue,
  type SavedLesson,
  type SaveLessonInput,
} from './operations.ts';

export type CellChange =
  | { kind: 'mark'; markKind: MarkKind; value: MarkValue | null; weight: number }
  | { kind: 'attendance'; status: AttendanceStatus | null };

function mergeLesson(cache: ApolloCache, variables: JournalVars, saved: SavedLesson, studentIds: ReadonlySet<string>) {
  cache.updateQuery({ query: JOURNAL_QUERY, variables }, (data: JournalData | null) => {
    const journal = data?.class?.journal;
    if (!data?.class || !journal) return data ?? undefined;
    const touched = (entry: { lesson: { id: string } | null; student: { id: string } }) =>
      entry.lesson?.id === saved.id && studentIds.has(entry.student.id);
    const marks = saved.marks.filter(touched);
    const attendance = saved.attendance.filter(touched);
    return {
      ...data,
      class: {
        ...data.class,
        journal: {
          ...journal,
          marks: [...journal.marks.filter((mark) => !touched(mark)), ...marks],
          attendance: [...journal.attendance.filter((entry) => !touched(entry)), ...attendance],
        },
      },
    };
  });
}

/** The lesson as the server will return it after the change: for the optimistic response. */
function expectedLesson(
  lesson: GridLesson,
  marks: readonly GridMark[],
  attendance: readonly GridAttendance[],
  input: SaveLessonInput,
): SavedLesson {
  let nextMarks = marks.filter((mark) => mark.lesson?.id === lesson.id);
  for (const entry of input.marks ?? []) {
    const same = (mark: GridMark) => mark.student.id === entry.studentId && mark.kind === entry.kind;
    const existing = nextMarks.find(same);
    nextMarks = nextMarks.filter((mark) => !same(mark));
    if (entry.value) {
      nextMarks.push({
        __typename: 'Mark',
        id: existing?.id ?? `optimistic:${lesson.id}:${entry.studentId}:${entry.kind}`,
        kind: entry.kind,
        value: entry.value,
        weight: entry.weight ?? 1,
        debt: existing?.debt ?? false,
        comment: existing?.comment ?? null,
        student: { __typename: 'Person', id: entry.studentId },
        lesson: { __typename: 'Lesson', id: lesson.id },
      });
    }
  }
  let nextAttendance = attendance.filter((entry) => entry.lesson.id === lesson.id);
  for (const entry of input.attendance ?? []) {
    const existing = nextAttendance.find((row) => row.student.id === entry.studentId);
    nextAttendance = nextAttendance.filter((row) => row.student.id !== entry.studentId);
    if (entry.status) {
      nextAttendance.push({
        __typename: 'AttendanceMark',
        id: existing?.id ?? `optimistic:${lesson.id}:${entry.studentId}`,
        status: entry.status,
        student: { __typename: 'Person', id: entry.studentId },
        lesson: { __typename: 'Lesson', id: lesson.id },
      });
    }
  }
  const homework =
    input.homework === undefined
      ? lesson.homework
      : input.homework && { __typename: 'Homework' as const, ...input.homework };
  return {
    __typename: 'Lesson',
    id: lesson.id,
    topic: input.topic === undefined ? lesson.topic : input.topic,
    homework: homework ?? null,
    marks: nextMarks,
    attendance: nextAttendance,
  };
}

/** Saves a lesson (a cell or the whole lesson), optimistically; rejects with the server's error. */
export async function saveLesson(
  client: ApolloClient,
  variables: JournalVars,
  grid: { lesson: GridLesson; marks: readonly GridMark[]; attendance: readonly GridAttendance[] },
  input: SaveLessonInput,
): Promise<SavedLesson> {
  const students = new Set([...(input.marks ?? []), ...(input.attendance ?? [])].map((entry) => entry.studentId));
  const result = await client.mutate({
    mutation: SAVE_LESSON,
    variables: { input },
    optimisticResponse: { saveLesson: expectedLesson(grid.lesson, grid.marks, grid.attendance, input) },
    update: (cache, { data }) => {
      if (data) mergeLesson(cache, variables, data.saveLesson, students);
    },
  });
  return result.data!.saveLesson;
}

export function cellInput(lessonId: string, studentId: string, change: CellChange): SaveLessonInput {
  return change.kind === 'mark'
    ? { lessonId, marks: [{ studentId, kind: change.markKind, value: change.value, weight: change.weight }] }
    : { lessonId, attendance: [{ studentId, status: change.status }] };
}

/** Topic and homework only (no marks): `updateLesson`, which also plans lessons still to come. */
export async function updateLesson(
  client: ApolloClient,
  input: Pick<SaveLessonInput, 'lessonId' | 'topic' | 'homework'>,
) {
  const result = await client.mutate({ mutation: UPDATE_LESSON, variables: { input } });
  return result.data!.updateLesson;
}
