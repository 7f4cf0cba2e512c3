/** The grid's header cell (a lesson, opening its editor) and body cell (a student's marks and attendance). */
import type { KeyboardEvent } from 'react';
import { formatDayMonth } from '../../../ui/format.ts';
import type { GridLesson } from './operations.ts';
import { ATTENDANCE, describeCell, markClass, VALUE_TEXT, type Cell } from './model.ts';

const SHORT_DATE = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
const SHORT_WEEKDAY = new Intl.DateTimeFormat('ru-RU', { weekday: 'short', timeZone: 'UTC' });
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** «Александрова Ирина Руслановна» → «Александрова И. Р.», as a paper journal writes it. */
export function shortName(fullName: string): string {
  const [last, ...rest] = fullName.split(' ');
  return [last, ...rest.filter(Boolean).map((part) => `${part.charAt(0)}.`)].join(' ');
}

export function LessonHeader({
  lesson,
  sameDay,
  future,
  today,
  control,
  tabIndex,
  refCallback,
  onFocus,
  onKeyDown,
  onOpen,
}: {
  lesson: GridLesson;
  sameDay: boolean;
  future: boolean;
  today: boolean;
  control: boolean;
  tabIndex: number;
  refCallback: (element: HTMLElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onOpen: () => void;
}) {
  const date = utc(lesson.date);
  const label = [
    // The visible «23.10 пт» stays part of the name (WCAG 2.5.3).
    `Урок ${formatDayMonth(lesson.date)} (${SHORT_DATE.format(date)} ${SHORT_WEEKDAY.format(date)}${sameDay ? ` ${lesson.lessonNumber}` : ''})${sameDay ? `, ${lesson.lessonNumber}-й` : ''}`,
    lesson.topic ? `тема: ${lesson.topic}` : 'тема не указана',
    lesson.homework ? 'есть домашнее задание' : null,
    future ? 'ещё не прошёл' : null,
    'открыть урок',
  ]
    .filter(Boolean)
    .join('. ');
  return (
    <th
      role="columnheader"
      scope="col"
      className={`journal-lesson${future ? ' is-future' : ''}${today ? ' is-today' : ''}`}
    >
      <button
        type="button"
        ref={refCallback}
        tabIndex={tabIndex}
        className="journal-lesson-button"
        title={lesson.topic ?? 'Тема не указана'}
        aria-label={label}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        onClick={onOpen}
      >
        {/* One text node, so the visible «13.10 вт» reads as two words and is part of the name (WCAG 2.5.3). */}
        <span className="journal-day">
          {`${SHORT_DATE.format(date)}\n${SHORT_WEEKDAY.format(date)}${sameDay ? ` ${lesson.lessonNumber}` : ''}`}
        </span>
        <span className="journal-flags" aria-hidden="true">
          {control && <span className="flag-control">КР</span>}
          {!lesson.topic && <span className="flag-missing">тема?</span>}
        </span>
      </button>
    </th>
  );
}

export function JournalCell({
  cell,
  noticed = false,
  label,
  error,
  errorId,
  pending,
  readOnly,
  future,
  errorPlacement,
  active,
  refCallback,
  onFocus,
  onKeyDown,
}: {
  cell: Cell | undefined;
  /** The parents gave notice of an absence on this day. */
  noticed?: boolean;
  label: string;
  error: string | undefined;
  errorId: string;
  pending: boolean;
  readOnly: boolean;
  future: boolean;
  /** Where the error bubble opens, so it stays inside the scrolled grid. */
  errorPlacement: string;
  active: boolean;
  refCallback: (element: HTMLElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  const classes = ['journal-cell', future && 'is-future', pending && 'is-pending', error && 'has-error']
    .filter(Boolean)
    .join(' ');
  return (
    <td
      role="gridcell"
      ref={refCallback}
      tabIndex={active ? 0 : -1}
      className={classes}
      aria-label={`${label}: ${describeCell(cell)}${noticed ? ', родители предупредили о пропуске' : ''}${pending ? ', сохраняется' : ''}`}
      aria-readonly={readOnly}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      <span className="journal-cell-content" aria-hidden="true">
        {cell?.marks.map((mark) => (
          <span
            key={mark.id}
            className={`${markClass(mark.value)}${mark.kind === 'CONTROL' ? ' is-control' : ''}`}
            title={mark.comment ?? undefined}
          >
            {VALUE_TEXT[mark.value]}
            {mark.weight !== 1 && <span className="weight">{mark.weight}</span>}
          </span>
        ))}
        {cell?.attendance && (
          <span className={`attendance attendance-${cell.attendance.status.toLowerCase()}`}>
            {ATTENDANCE[cell.attendance.status].code}
          </span>
        )}
        {noticed && !cell?.attendance && (
          <span className="journal-noticed" title="Родители предупредили о пропуске">
            •
          </span>
        )}
      </span>
      {error && (
        <span id={errorId} className={`journal-cell-error ${errorPlacement}`} role="alert">
          {error}
        </span>
      )}
    </td>
  );
}
