/**
 * The grid's «Итог» column: the period mark of each student, entered like a lesson cell (2–5, «+», «−»,
 * «н» for «н/а», Delete) with the same cell, optimistic update and error at the cell. Shown editable when the grid shows a
 * study period up to its last day (the day a period mark is dated).
 */
import type { ApolloClient } from '@apollo/client';
import type { KeyboardEvent } from 'react';
import { JournalCell } from './grid-cells.tsx';
import { markClass, VALUE_TEXT, type CellAction } from './model.ts';
import type { GridStudent, JournalGridData, JournalVars } from './operations.ts';
import { savePeriodMark, type PeriodMark } from './period-writes.ts';
import type { useCellState } from './use-cell-state.ts';

const CLOSED = 'Учебный период закрыт: исправления вносит администрация школы.';
const READ_ONLY = 'Вносить записи в этот журнал вы не можете: он открыт только для просмотра.';
const NOT_BEGUN = 'Период ещё не начался: отметка за него ставится в течение периода или после.';
const ONLY_MARKS = 'В графу «Итог» ставится только отметка: 2–5, «+» — зачёт, «−» — незачёт, «н» — «н/а».';

export const periodKey = (studentId: string) => `period|${studentId}`;

/** The period whose marks the column edits, when the grid shows it up to its last day. */
export function editablePeriod(journal: JournalGridData) {
  const period = journal.period;
  return period && journal.from <= period.endsOn && period.endsOn <= journal.to ? period : null;
}

function refusal(journal: JournalGridData): string | null {
  if (!journal.editable) return journal.period?.closed ? CLOSED : READ_ONLY;
  if (journal.period && journal.period.startsOn > journal.today) return NOT_BEGUN;
  return null;
}

/** Applies a key or a button of the entry bar to a student's period mark. */
export function applyToPeriod(
  typed: CellAction,
  student: GridStudent,
  context: {
    client: ApolloClient;
    journal: JournalGridData;
    variables: JournalVars;
    current: PeriodMark | undefined;
    cells: ReturnType<typeof useCellState>;
  },
): boolean {
  const { client, journal, variables, current, cells } = context;
  // «н» in the «Итог» column is «н/а» (не аттестован), not an absence: a period has no attendance.
  const action: CellAction =
    typed.kind === 'attendance' && typed.status === 'ABSENT' ? { kind: 'mark', value: 'NOT_ATTESTED' } : typed;
  const period = editablePeriod(journal);
  const key = periodKey(student.id);
  if (!period) return false;
  const refused = refusal(journal);
  if (action.kind === 'invalid' || action.kind === 'attendance' || refused) {
    cells.setError(key, action.kind === 'invalid' ? action.message : (refused ?? ONLY_MARKS));
    return false;
  }
  const value = action.kind === 'mark' ? action.value : null;
  if (value === null && !current) {
    cells.setError(key, null);
    return false;
  }
  const write = savePeriodMark(client, variables, { periodId: period.id, studentId: student.id }, current, value);
  cells.track(key, write, `${student.fullName}, итог за ${period.name}`);
  return true;
}

export function PeriodCell({
  student,
  mark,
  journal,
  cells,
  errorId,
  errorPlacement,
  active,
  refCallback,
  onFocus,
  onKeyDown,
}: {
  student: GridStudent;
  mark: PeriodMark | undefined;
  journal: JournalGridData;
  cells: ReturnType<typeof useCellState>;
  errorId: string;
  errorPlacement: string;
  active: boolean;
  refCallback: (element: HTMLElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  const key = periodKey(student.id);
  if (!editablePeriod(journal)) {
    // A range without the period's last day: the marks it holds, read only.
    return (
      <td className="journal-average">
        {mark ? <span className={markClass(mark.value)}>{VALUE_TEXT[mark.value]}</span> : '—'}
      </td>
    );
  }
  const cell = mark && {
    marks: [{ ...mark, weight: 1, debt: false, comment: null, lesson: null }],
    attendance: null,
  };
  return (
    <JournalCell
      cell={cell}
      label={`${student.fullName}, итог за ${journal.period?.name ?? 'период'}`}
      error={cells.errors.get(key)}
      errorId={errorId}
      pending={cells.pending.has(key)}
      readOnly={refusal(journal) !== null}
      future={false}
      errorPlacement={errorPlacement}
      active={active}
      refCallback={refCallback}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    />
  );
}
