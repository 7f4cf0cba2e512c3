/**
 * Buttons for the selected cell: the same actions as the keys, for a mouse or a phone without a keyboard.
 */
import { formatDayMonth } from '../../../ui/format.ts';
import type { GridLesson, GridStudent } from './operations.ts';
import type { CellAction } from './model.ts';

const BUTTONS: { label: string; title: string; action: CellAction }[] = [
  { label: '5', title: 'Отметка 5', action: { kind: 'mark', value: 'FIVE' } },
  { label: '4', title: 'Отметка 4', action: { kind: 'mark', value: 'FOUR' } },
  { label: '3', title: 'Отметка 3', action: { kind: 'mark', value: 'THREE' } },
  { label: '2', title: 'Отметка 2', action: { kind: 'mark', value: 'TWO' } },
  { label: 'зач', title: 'Зачёт', action: { kind: 'mark', value: 'PASS' } },
  { label: 'н', title: 'Отсутствовал', action: { kind: 'attendance', status: 'ABSENT' } },
  { label: 'б', title: 'Болел', action: { kind: 'attendance', status: 'SICK' } },
  { label: 'оп', title: 'Опоздал', action: { kind: 'attendance', status: 'LATE' } },
  { label: 'Удалить', title: 'Удалить отметку (или пропуск)', action: { kind: 'clear' } },
];

export function EntryBar({
  lesson,
  student,
  period,
  pending,
  onAction,
  onOpenLesson,
}: {
  lesson: GridLesson | undefined;
  student: GridStudent | undefined;
  /** The «Итог» column is selected: the name of the period whose mark it holds. */
  period?: string | undefined;
  pending: number;
  onAction: (action: CellAction) => void;
  onOpenLesson: (lessonId: string) => void;
}) {
  return (
    <div className="entry-bar" role="toolbar" aria-label="Ввод в выбранную ячейку">
      <span className="entry-target">
        {student && (lesson || period) ? (
          <>
            <strong>{student.fullName}</strong>, {lesson ? formatDayMonth(lesson.date) : `итог за ${period}`}
          </>
        ) : (
          <span className="muted">Выберите ячейку</span>
        )}
      </span>
      <span className="entry-buttons">
        {BUTTONS.map((button) => (
          <button
            key={button.label}
            type="button"
            className="button button-small"
            title={button.title}
            // The visible text stays part of the name (WCAG 2.5.3): voice control users say what they see.
            aria-label={button.title === button.label ? button.title : `${button.label} — ${button.title}`}
            disabled={!student || (!lesson && !period)}
            onClick={() => onAction(button.action)}
          >
            {button.label}
          </button>
        ))}
        {lesson && (
          <button type="button" className="button button-small button-ghost" onClick={() => onOpenLesson(lesson.id)}>
            Урок целиком…
          </button>
        )}
      </span>
      <span className="entry-status" aria-live="polite">
        {pending > 0 ? 'Сохранение…' : ''}
      </span>
    </div>
  );
}
