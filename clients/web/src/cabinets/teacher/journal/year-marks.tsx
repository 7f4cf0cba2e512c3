/**
 * «Годовые и итоговые отметки» under the journal grid (issue 15 §2): a year and a final mark per student in the
 * subject, set from the last two weeks of the school year (`yearMarksFrom`). Each change is saved at once
 * (`setYearMark`; «—» deletes through `deleteMark`), the server keeps the history and answers a refusal in
 * Russian, which is shown here. Pass/fail subjects take зачёт/незачёт; every subject takes «н/а».
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import type {
  MarkValue,
  TeacherDeleteYearMarkMutation,
  TeacherDeleteYearMarkMutationVariables,
  TeacherSetYearMarkMutation,
  TeacherSetYearMarkMutationVariables,
  TeacherYearMarksQuery,
  TeacherYearMarksQueryVariables,
  YearMarkKind,
} from '../../../generated/graphql.ts';
import { formatDate } from '../../../ui/format.ts';
import { ErrorNotice, Notice, Section } from '../../../ui/kit.tsx';
import { VALUE_SPOKEN, VALUE_TEXT } from './model.ts';

const YEAR_MARKS_QUERY: TypedDocumentNode<TeacherYearMarksQuery, TeacherYearMarksQueryVariables> = gql`
  query TeacherYearMarks($classId: ID!, $subjectId: ID!) {
    class(id: $classId) {
      id
      journal(subjectId: $subjectId) {
        today
        yearMarksFrom
        subject {
          id
          passFail
        }
        yearMarks {
          id
          kind
          value
          student {
            id
          }
        }
      }
    }
  }
`;

const SET_YEAR_MARK: TypedDocumentNode<TeacherSetYearMarkMutation, TeacherSetYearMarkMutationVariables> = gql`
  mutation TeacherSetYearMark($input: SetYearMarkInput!) {
    setYearMark(input: $input) {
      id
      kind
      value
    }
  }
`;

const DELETE_YEAR_MARK: TypedDocumentNode<TeacherDeleteYearMarkMutation, TeacherDeleteYearMarkMutationVariables> = gql`
  mutation TeacherDeleteYearMark($id: ID!) {
    deleteMark(id: $id) {
      id
    }
  }
`;

const KINDS: { kind: YearMarkKind; label: string }[] = [
  { kind: 'YEAR', label: 'Годовая' },
  { kind: 'FINAL', label: 'Итоговая' },
];

export function YearMarks({
  classId,
  subjectId,
  students,
}: {
  classId: string;
  subjectId: string;
  students: readonly { id: string; fullName: string; former: boolean }[];
}) {
  const { data, refetch } = useData(YEAR_MARKS_QUERY, { variables: { classId, subjectId } });
  const [setMark] = useMutation(SET_YEAR_MARK);
  const [deleteMark] = useMutation(DELETE_YEAR_MARK);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const journal = data?.class?.journal;
  if (!journal?.yearMarksFrom) return null;
  const open = journal.today >= journal.yearMarksFrom;
  const values: MarkValue[] = journal.subject.passFail
    ? ['PASS', 'FAIL', 'NOT_ATTESTED']
    : ['FIVE', 'FOUR', 'THREE', 'TWO', 'NOT_ATTESTED'];
  const markOf = (studentId: string, kind: YearMarkKind) =>
    journal.yearMarks.find((m) => m.student.id === studentId && m.kind === kind);

  const change = async (studentId: string, kind: YearMarkKind, value: string) => {
    const current = markOf(studentId, kind);
    setBusy(`${studentId}|${kind}`);
    setError(null);
    try {
      if (value === '') {
        if (current) await deleteMark({ variables: { id: current.id } });
      } else {
        await setMark({ variables: { input: { classId, subjectId, studentId, kind, value: value as MarkValue } } });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      await refetch();
    }
  };

  return (
    <Section title="Годовые и итоговые отметки">
      {!open && (
        <Notice>
          Годовые и итоговые отметки ставятся с {formatDate(journal.yearMarksFrom)} — в последние две недели учебного
          года или после закрытия последнего периода.
        </Notice>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {open && (
        <div className="table-wrap">
          <table className="table year-marks">
            <thead>
              <tr>
                <th scope="col">Обучающийся</th>
                {KINDS.map((k) => (
                  <th key={k.kind} scope="col">
                    {k.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {students
                .filter((s) => !s.former)
                .map((student) => (
                  <tr key={student.id}>
                    <th scope="row">{student.fullName}</th>
                    {KINDS.map((k) => (
                      <td key={k.kind}>
                        <select
                          aria-label={`${k.label} отметка: ${student.fullName}`}
                          value={markOf(student.id, k.kind)?.value ?? ''}
                          disabled={busy !== null}
                          onChange={(event) => void change(student.id, k.kind, event.target.value)}
                        >
                          <option value="">—</option>
                          {values.map((value) => (
                            <option key={value} value={value} title={VALUE_SPOKEN[value]}>
                              {VALUE_TEXT[value]}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
