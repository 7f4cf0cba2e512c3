/**
 * The journal grid: students × lessons, filled from the keyboard like a spreadsheet. One cell holds the
 * focus (roving tabindex); arrows, Tab and Enter move it; 2–5, «+», «−» set a mark of the chosen kind and
 * weight; «н», «б», «у», «о» set attendance, «п» clears it; Delete removes the mark. Every change shows at
 * once and rolls back with the server's message at the cell when refused. The last column, «Итог», holds
 * the period mark (period-column.tsx) and takes the same keys.
 */
import { useApolloClient } from '@apollo/client/react';
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatAverage, formatDayMonth } from '../../../ui/format.ts';
import type { GridLesson, GridStudent, JournalGridData, JournalVars, MarkKind } from './operations.ts';
import { EntryBar } from './entry-bar.tsx';
import { actionForKey, averageTone, cellKey, cellsOf, noticeOn, weightedAverage, type CellAction } from './model.ts';
import { JournalCell, LessonHeader, shortName } from './grid-cells.tsx';
import { clamp, lastPastIndex, moveFor, register, type Position } from './navigation.ts';
import { applyToPeriod, editablePeriod, PeriodCell } from './period-column.tsx';
import { useCellState } from './use-cell-state.ts';
import { cellInput, saveLesson, type CellChange } from './writes.ts';

export interface EntrySettings {
  kind: MarkKind;
  weight: number;
  /** Move to the next student after a mark or attendance is entered. */
  advance: boolean;
}

const FUTURE = 'Урок ещё не прошёл: отметки и посещаемость ставятся в день урока или позже.';
const CLOSED = 'Учебный период закрыт: исправления вносит администрация школы.';
const READ_ONLY = 'Вносить записи в этот журнал вы не можете: он открыт только для просмотра.';

export function JournalGrid({
  className,
  students,
  journal,
  variables,
  entry,
  onOpenLesson,
}: {
  className: string;
  /** In the order of the class list: current students by name, those who left after them. */
  students: readonly GridStudent[];
  journal: JournalGridData;
  variables: JournalVars;
  entry: EntrySettings;
  onOpenLesson: (lessonId: string) => void;
}) {
  const client = useApolloClient();
  const id = useId();
  const lessons = journal.lessons;
  const cells = useMemo(() => cellsOf(journal), [journal]);
  const marksByStudent = useMemo(() => {
    const byStudent = new Map<string, JournalGridData['marks']>();
    for (const mark of journal.marks) byStudent.set(mark.student.id, [...(byStudent.get(mark.student.id) ?? []), mark]);
    return byStudent;
  }, [journal.marks]);
  const periodMarks = useMemo(
    () => new Map(journal.periodMarks.filter((m) => m.kind === 'PERIOD').map((m) => [m.student.id, m])),
    [journal.periodMarks],
  );
  const [active, setActive] = useState<Position>({ row: 0, col: Math.max(0, lastPastIndex(lessons, journal.today)) });
  const cellState = useCellState();
  const { errors, pending, announcement, setError } = cellState;
  const period = editablePeriod(journal);
  // The «Итог» column is the last one the keys reach (not in the header row, which holds the lessons).
  const cols = lessons.length + (period ? 1 : 0);
  const refs = useRef(new Map<string, HTMLElement>());
  const scroller = useRef<HTMLDivElement>(null);

  // Open on the latest lessons: the grid starts scrolled to the selected (last past) lesson.
  useLayoutEffect(() => {
    const cell = refs.current.get(`0:${active.col}`);
    const box = scroller.current;
    if (cell && box) box.scrollLeft = Math.max(0, cell.offsetLeft + cell.offsetWidth - box.clientWidth + 80);
    // Only when the grid opens; later moves scroll the focused cell into view themselves.
  }, []);

  const focus = (position: Position) => {
    const { row, col: at } = clamp(position, students.length, cols);
    const col = row === -1 ? Math.min(at, lessons.length - 1) : at;
    setActive({ row, col });
    const element = refs.current.get(`${row}:${col}`);
    element?.focus();
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  const refusal = (lesson: GridLesson): string | null => {
    if (!journal.editable) return journal.period?.closed ? CLOSED : READ_ONLY;
    if (lesson.date > journal.today) return FUTURE;
    return null;
  };

  const write = (lesson: GridLesson, student: GridStudent, change: CellChange) => {
    const key = cellKey(lesson.id, student.id);
    const refused = refusal(lesson);
    if (refused) {
      setError(key, refused);
      return;
    }
    const grid = { lesson, marks: journal.marks, attendance: journal.attendance };
    const saving = saveLesson(client, variables, grid, cellInput(lesson.id, student.id, change));
    cellState.track(key, saving, `${student.fullName}, ${formatDayMonth(lesson.date)}`);
  };

  const apply = (action: CellAction, position: Position) => {
    const lesson = lessons[position.col];
    const student = students[position.row];
    if (student && position.col === lessons.length) {
      const context = { client, journal, variables, current: periodMarks.get(student.id), cells: cellState };
      if (applyToPeriod(action, student, context) && entry.advance && position.row < students.length - 1)
        focus({ row: position.row + 1, col: position.col });
      return;
    }
    if (!lesson || !student) return;
    const key = cellKey(lesson.id, student.id);
    const cell = cells.get(key);
    switch (action.kind) {
      case 'invalid':
        setError(key, action.message);
        return;
      case 'mark':
        write(lesson, student, { kind: 'mark', markKind: entry.kind, value: action.value, weight: entry.weight });
        break;
      case 'attendance':
        // «н» on a day the parents gave notice of is an excused absence by default (issue 15 §2).
        write(lesson, student, {
          kind: 'attendance',
          status: action.status === 'ABSENT' && noticeOn(journal, student.id, lesson.date) ? 'EXCUSED' : action.status,
        });
        break;
      case 'clear': {
        const mark =
          cell?.marks.find((m) => m.kind === entry.kind) ?? (cell?.marks.length === 1 ? cell.marks[0] : undefined);
        if (mark) write(lesson, student, { kind: 'mark', markKind: mark.kind, value: null, weight: mark.weight });
        else if (cell?.attendance) write(lesson, student, { kind: 'attendance', status: null });
        else setError(key, null);
        return;
      }
    }
    if (entry.advance && position.row < students.length - 1) focus({ row: position.row + 1, col: position.col });
  };

  const onKeyDown = (event: KeyboardEvent, position: Position) => {
    if (event.altKey || event.metaKey) return;
    const next = moveFor(event, position, students.length, position.row === -1 ? lessons.length : cols);
    if (next) {
      event.preventDefault();
      focus(next);
      return;
    }
    const lesson = lessons[position.col];
    const student = students[position.row];
    if (event.key === 'Escape' && student)
      setError(lesson ? cellKey(lesson.id, student.id) : `period|${student.id}`, null);
    if (position.row < 0 || event.ctrlKey) return;
    const action = actionForKey(event.key, event.code);
    if (action) {
      event.preventDefault();
      apply(action, position);
    }
  };

  const captionId = `${id}-caption`;
  const activeLesson = lessons[active.col];
  const activeStudent = active.row >= 0 ? students[active.row] : undefined;
  const hasPeriodMarks = period !== null || periodMarks.size > 0;

  return (
    <>
      <EntryBar
        lesson={activeLesson}
        student={activeStudent}
        period={active.col === lessons.length ? period?.name : undefined}
        onAction={(action) => apply(action, active)}
        onOpenLesson={onOpenLesson}
        pending={pending.size}
      />
      <div className="journal-scroll" ref={scroller} role="region" aria-labelledby={captionId} tabIndex={-1}>
        <table
          className="journal"
          role="grid"
          aria-labelledby={captionId}
          aria-rowcount={students.length + 1}
          aria-colcount={lessons.length + (hasPeriodMarks ? 3 : 2)}
        >
          <caption id={captionId} className="visually-hidden">
            Журнал: {className}, {journal.subject.name}
            {journal.period ? `, ${journal.period.name}` : ''}
          </caption>
          <thead>
            <tr role="row" aria-rowindex={1}>
              <th role="columnheader" scope="col" className="journal-student">
                Обучающийся
              </th>
              {lessons.map((lesson, col) => (
                <LessonHeader
                  key={lesson.id}
                  lesson={lesson}
                  sameDay={lessons.filter((l) => l.date === lesson.date).length > 1}
                  future={lesson.date > journal.today}
                  today={lesson.date === journal.today}
                  control={journal.marks.some((m) => m.lesson?.id === lesson.id && m.kind === 'CONTROL')}
                  tabIndex={active.row === -1 && active.col === col ? 0 : -1}
                  refCallback={(element) => register(refs.current, -1, col, element)}
                  onFocus={() => setActive({ row: -1, col })}
                  onKeyDown={(event) => onKeyDown(event, { row: -1, col })}
                  onOpen={() => onOpenLesson(lesson.id)}
                />
              ))}
              <th
                role="columnheader"
                scope="col"
                className="journal-average"
                title="Средневзвешенный балл за показанные даты"
              >
                Ср. балл
              </th>
              {hasPeriodMarks && (
                <th role="columnheader" scope="col" className="journal-average">
                  Итог
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {students.map((student, row) => {
              const average = weightedAverage(marksByStudent.get(student.id) ?? []);
              const periodMark = periodMarks.get(student.id);
              return (
                <tr key={student.id} role="row" aria-rowindex={row + 2}>
                  <th
                    role="rowheader"
                    scope="row"
                    className={`journal-student${student.former ? ' is-former' : ''}`}
                    title={student.fullName}
                  >
                    <span className="journal-number">{row + 1}.</span> {shortName(student.fullName)}
                    {student.former && <span className="muted"> · выбыл(а) из класса</span>}
                  </th>
                  {lessons.map((lesson, col) => {
                    const key = cellKey(lesson.id, student.id);
                    return (
                      <JournalCell
                        key={lesson.id}
                        cell={cells.get(key)}
                        noticed={noticeOn(journal, student.id, lesson.date) !== undefined}
                        label={`${student.fullName}, ${formatDayMonth(lesson.date)}${lessons.filter((l) => l.date === lesson.date).length > 1 ? `, ${lesson.lessonNumber}-й урок` : ''}`}
                        error={errors.get(key)}
                        errorId={`${id}-error-${row}-${col}`}
                        pending={pending.has(key)}
                        readOnly={refusal(lesson) !== null}
                        future={lesson.date > journal.today}
                        errorPlacement={`${col >= lessons.length - 4 ? 'left' : 'right'} ${row >= students.length - 2 && row > 2 ? 'above' : 'below'}`}
                        active={active.row === row && active.col === col}
                        refCallback={(element) => register(refs.current, row, col, element)}
                        onFocus={() => setActive({ row, col })}
                        onKeyDown={(event) => onKeyDown(event, { row, col })}
                      />
                    );
                  })}
                  <td
                    className={`journal-average num ${averageTone(average)}`}
                    aria-label={`Средний балл: ${formatAverage(average)}`}
                  >
                    {formatAverage(average)}
                  </td>
                  {hasPeriodMarks && (
                    <PeriodCell
                      student={student}
                      mark={periodMark}
                      journal={journal}
                      cells={cellState}
                      errorId={`${id}-error-${row}-period`}
                      errorPlacement={`left ${row >= students.length - 2 && row > 2 ? 'above' : 'below'}`}
                      active={active.row === row && active.col === lessons.length}
                      refCallback={(element) => register(refs.current, row, lessons.length, element)}
                      onFocus={() => setActive({ row, col: lessons.length })}
                      onKeyDown={(event) => onKeyDown(event, { row, col: lessons.length })}
                    />
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden" role="status" aria-live="assertive">
        {announcement}
      </p>
    </>
  );
}
