/**
 * «Звонки» (issue 15 §2): the school's bell schedule per shift and the shift each class studies in. The
 * timetables and the diary show a lesson's times from here. The server checks the times (HH:MM, each lesson
 * ending before the next starts) and answers its Russian message, shown above the table.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useData } from '../../api/hooks.ts';
import type {
  SchoolBellsQuery,
  SchoolBellsQueryVariables,
  SetBellsMutation,
  SetBellsMutationVariables,
  SetClassShiftMutation,
  SetClassShiftMutationVariables,
} from '../../generated/graphql.ts';
import { describeError } from '../../ui/errors.ts';
import { DataState, Notice, Page, Section, TableWrap } from '../../ui/kit.tsx';
import { sortClasses } from './completeness/queries.ts';
import { useOrganization } from './organization.tsx';

const BELLS_QUERY: TypedDocumentNode<SchoolBellsQuery, SchoolBellsQueryVariables> = gql`
  query SchoolBells($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      bellSchedule {
        organizationId
        shifts {
          shift
          bells {
            lessonNumber
            startsAt
            endsAt
          }
        }
      }
      classes {
        id
        name
        grade
        shift
      }
    }
  }
`;

const SET_BELLS: TypedDocumentNode<SetBellsMutation, SetBellsMutationVariables> = gql`
  mutation SetBells($input: SetBellsInput!) {
    setBells(input: $input) {
      organizationId
      shifts {
        shift
        bells {
          lessonNumber
          startsAt
          endsAt
        }
      }
    }
  }
`;

const SET_SHIFT: TypedDocumentNode<SetClassShiftMutation, SetClassShiftMutationVariables> = gql`
  mutation SetClassShift($classId: ID!, $shift: Int!) {
    setClassShift(classId: $classId, shift: $shift) {
      id
      shift
    }
  }
`;

type Bell = { lessonNumber: number; startsAt: string; endsAt: string };
const SHIFTS = [1, 2] as const;

function ShiftEditor({ organizationId, shift, saved }: { organizationId: string; shift: number; saved: Bell[] }) {
  const [rows, setRows] = useState<Bell[]>(saved);
  const [save, { loading, error, data, reset }] = useMutation(SET_BELLS, { refetchQueries: ['SchoolBells'] });
  const edit = (index: number, change: Partial<Bell>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      await save({ variables: { input: { organizationId, shift, bells: rows } } });
    } catch {
      // Shown above the table.
    }
  };
  const title = `${shift}-я смена`;
  return (
    <Section title={title}>
      <form noValidate onSubmit={(event) => void submit(event)} aria-label={`Звонки: ${title}`}>
        {error && <Notice tone="error">{describeError(error).message}</Notice>}
        {data && !loading && <Notice tone="success">Звонки {shift}-й смены сохранены.</Notice>}
        {rows.length === 0 ? (
          <p className="muted">Звонки этой смены не заданы.</p>
        ) : (
          <TableWrap label={`Звонки: ${title}`}>
            <table className="table bells-table">
              <caption className="visually-hidden">Расписание звонков: {title}</caption>
              <thead>
                <tr>
                  <th scope="col">Урок</th>
                  <th scope="col">Начало</th>
                  <th scope="col">Конец</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.lessonNumber}>
                    <th scope="row" className="num">
                      {row.lessonNumber}
                    </th>
                    <td>
                      <input
                        type="time"
                        aria-label={`Начало ${row.lessonNumber}-го урока, ${title}`}
                        value={row.startsAt}
                        onChange={(event) => edit(index, { startsAt: event.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={`Конец ${row.lessonNumber}-го урока, ${title}`}
                        value={row.endsAt}
                        onChange={(event) => edit(index, { endsAt: event.target.value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <div className="bells-actions">
          <button
            type="button"
            className="button"
            disabled={rows.length >= 12}
            onClick={() =>
              setRows((current) => [
                ...current,
                { lessonNumber: current.length + 1, startsAt: current.at(-1)?.endsAt ?? '08:30', endsAt: '' },
              ])
            }
          >
            Добавить урок
          </button>
          <button
            type="button"
            className="button"
            disabled={rows.length === 0}
            onClick={() => setRows((current) => current.slice(0, -1))}
          >
            Убрать последний
          </button>
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? 'Сохраняем…' : `Сохранить звонки ${shift}-й смены`}
          </button>
        </div>
      </form>
    </Section>
  );
}

function ClassShifts({ classes }: { classes: NonNullable<SchoolBellsQuery['organization']>['classes'] }) {
  const [setShift, { error }] = useMutation(SET_SHIFT);
  if (classes.length === 0) return <p className="muted">Классов в текущем учебном году нет.</p>;
  return (
    <>
      {error && <Notice tone="error">{describeError(error).message}</Notice>}
      <ul className="plain-list bells-classes">
        {sortClasses(classes).map((row) => (
          <li key={row.id}>
            <label>
              <span className="bells-class">{row.name}</span>
              <select
                value={row.shift}
                onChange={(event) =>
                  void setShift({ variables: { classId: row.id, shift: Number(event.target.value) } }).catch(
                    () => undefined,
                  )
                }
              >
                {SHIFTS.map((shift) => (
                  <option key={shift} value={shift}>
                    {shift}-я смена
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}

export function BellsPage() {
  const organization = useOrganization();
  const { data, loading, error, refetch } = useData(BELLS_QUERY, { variables: { organizationId: organization.id } });
  return (
    <Page title="Расписание звонков">
      <DataState loading={loading} error={error} data={data?.organization ?? undefined} onRetry={() => void refetch()}>
        {(loaded) => (
          <>
            <p className="muted">
              По этим звонкам расписание и дневник показывают время уроков. Класс учится в одной смене.
            </p>
            {SHIFTS.map((shift) => (
              <ShiftEditor
                key={`${shift}:${JSON.stringify(loaded.bellSchedule.shifts.find((s) => s.shift === shift)?.bells ?? [])}`}
                organizationId={loaded.id}
                shift={shift}
                saved={(loaded.bellSchedule.shifts.find((s) => s.shift === shift)?.bells ?? []).map(
                  ({ lessonNumber, startsAt, endsAt }) => ({ lessonNumber, startsAt, endsAt }),
                )}
              />
            ))}
            <Section title="Смены классов">
              <ClassShifts classes={loaded.classes} />
            </Section>
          </>
        )}
      </DataState>
    </Page>
  );
}
