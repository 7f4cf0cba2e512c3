/**
 * A whole lesson at once: topic, homework and every student's mark and attendance, saved in one
 * transaction (`saveLesson`), or with `updateLesson` when only the topic and homework change — which also
 * plans a lesson still to come.
 */
import { useApolloClient } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../../ui/errors.ts';
import { formatDate, formatWeekday } from '../../../ui/format.ts';
import { ErrorNotice, Field, Notice } from '../../../ui/kit.tsx';
import type {
  AttendanceStatus,
  GridLesson,
  GridStudent,
  JournalGridData,
  JournalVars,
  MarkKind,
  MarkValue,
} from './operations.ts';
import {
  defaultKind,
  lessonFields,
  rowChanges,
  rowsFor,
  STATUSES,
  validateLesson,
  VALUES,
  WEIGHTS,
  weightOf,
  type FieldErrors,
  type LessonForm,
  type Row,
} from './lesson-form.ts';
import { ATTENDANCE, noticeOn, VALUE_SPOKEN, type Cell } from './model.ts';
import { saveLesson, updateLesson } from './writes.ts';
import { HomeworkFiles } from '../../../features/homework-files/homework-files.tsx';

export function LessonEditor({
  className,
  lesson,
  students,
  cells,
  journal,
  variables,
  onClose,
  onSaved,
}: {
  className: string;
  lesson: GridLesson;
  students: readonly GridStudent[];
  cells: Map<string, Cell>;
  journal: JournalGridData;
  variables: JournalVars;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const client = useApolloClient();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const lessonMarks = journal.marks.filter((mark) => mark.lesson?.id === lesson.id);
  const [kind, setKind] = useState<MarkKind>(() => defaultKind(lessonMarks));
  const [baseWeight, setBaseWeight] = useState(() => weightOf(lessonMarks, kind));
  const [weight, setWeight] = useState(baseWeight);
  const [form, setForm] = useState<LessonForm>({
    topic: lesson.topic ?? '',
    homework: lesson.homework?.text ?? '',
    dueOn: lesson.homework?.dueOn ?? '',
    mandatory: lesson.homework?.mandatory ?? false,
  });
  const [initialRows, setInitialRows] = useState(() => rowsFor(students, cells, lesson.id, kind));
  // A student the parents gave notice of, with nothing recorded on a lesson that has taken place, starts as
  // an excused absence: saving the lesson records it (issue 15 §2); the teacher may change it.
  const [rows, setRows] = useState(() => {
    if (lesson.date > journal.today) return initialRows;
    const next = new Map(initialRows);
    for (const [studentId, row] of next)
      if (row.status === '' && noticeOn(journal, studentId, lesson.date))
        next.set(studentId, { ...row, status: 'EXCUSED' });
    return next;
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const future = lesson.date > journal.today;
  const locked = !journal.editable;
  const marksDisabled = locked || future;
  const edit = (change: Partial<LessonForm>) => setForm((current) => ({ ...current, ...change }));

  const changeKind = (next: MarkKind) => {
    // The table edits the marks of one kind; switching shows that kind's marks (attendance stays).
    const fresh = rowsFor(students, cells, lesson.id, next);
    setKind(next);
    setInitialRows(fresh);
    setRows((current) => {
      const merged = new Map<string, Row>();
      for (const [studentId, row] of fresh)
        merged.set(studentId, { ...row, status: current.get(studentId)?.status ?? '' });
      return merged;
    });
    setBaseWeight(weightOf(lessonMarks, next));
    setWeight(weightOf(lessonMarks, next));
  };

  const setRow = (studentId: string, change: Partial<Row>) =>
    setRows((current) => new Map(current).set(studentId, { ...current.get(studentId)!, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = validateLesson(form, lesson.date);
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length) return;
    const { marks, attendance } = rowChanges(students, initialRows, rows, { kind, weight, baseWeight });
    const fields = lessonFields(lesson.id, form);
    setSaving(true);
    try {
      if (marks.length || attendance.length) {
        const grid = { lesson, marks: journal.marks, attendance: journal.attendance };
        await saveLesson(client, variables, grid, { ...fields, marks, attendance });
      } else {
        await updateLesson(client, fields);
      }
      onSaved(`Урок ${formatDate(lesson.date)} сохранён.`);
    } catch (caught) {
      const field = CombinedGraphQLErrors.is(caught) ? caught.errors[0]?.extensions?.['field'] : undefined;
      const message = describeError(caught).message;
      if (field === 'homework' || field === 'dueOn' || field === 'topic') setFieldErrors({ [field]: message });
      else setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const titleId = `${id}-title`;
  return (
    <dialog
      ref={dialog}
      className="lesson-editor"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <header className="lesson-editor-header">
          <h2 id={titleId}>
            Урок {formatDate(lesson.date)}, {lesson.lessonNumber}-й — {journal.subject.name}, {className}
          </h2>
          <span className="muted">{formatWeekday(lesson.date)}</span>
          <button
            type="button"
            className="button button-ghost lesson-editor-close"
            onClick={onClose}
            aria-label="Закрыть"
          >
            ✕
          </button>
        </header>
        {locked && (
          <Notice tone="warning">
            {journal.period?.closed
              ? 'Учебный период закрыт: исправления вносит администрация школы.'
              : 'Этот журнал открыт только для просмотра.'}
          </Notice>
        )}
        {lesson.substitution && <Notice>Урок проведён на замене: {lesson.substitution.reason}.</Notice>}
        <fieldset className="lesson-editor-fields" disabled={locked || saving}>
          <Field label="Тема урока" error={fieldErrors.topic}>
            {(props) => (
              <input
                {...props}
                value={form.topic}
                maxLength={500}
                onChange={(event) => edit({ topic: event.target.value })}
              />
            )}
          </Field>
          <Field label="Домашнее задание" error={fieldErrors.homework}>
            {(props) => (
              <textarea
                {...props}
                value={form.homework}
                rows={3}
                onChange={(event) => edit({ homework: event.target.value })}
              />
            )}
          </Field>
          <div className="form-row">
            <Field label="Срок сдачи" hint="Не раньше дня урока" error={fieldErrors.dueOn}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  min={lesson.date}
                  value={form.dueOn}
                  onChange={(event) => edit({ dueOn: event.target.value })}
                />
              )}
            </Field>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.mandatory}
                onChange={(event) => edit({ mandatory: event.target.checked })}
              />
              Обязательное (несданное попадёт в просроченные)
            </label>
          </div>
        </fieldset>
        {!locked && (
          <section className="lesson-editor-files" aria-label="Файлы задания и сданные работы">
            <HomeworkFiles lessonId={lesson.id} mode="teacher" />
          </section>
        )}
        <fieldset className="lesson-editor-marks" disabled={marksDisabled || saving}>
          <legend>Отметки и посещаемость</legend>
          {future && !locked && (
            <Notice>Урок ещё не прошёл: тему и задание можно запланировать, отметки и пропуски — в день урока.</Notice>
          )}
          <div className="form-row">
            <Field label="Вид отметок">
              {(props) => (
                <select {...props} value={kind} onChange={(event) => changeKind(event.target.value as MarkKind)}>
                  <option value="CURRENT">Текущая</option>
                  <option value="CONTROL">Контрольная</option>
                </select>
              )}
            </Field>
            <Field label="Вес">
              {(props) => (
                <select {...props} value={weight} onChange={(event) => setWeight(Number(event.target.value))}>
                  {WEIGHTS.map((w) => (
                    <option key={w} value={w}>
                      {String(w).replace('.', ',')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="table-wrap">
            <table className="table lesson-editor-table">
              <thead>
                <tr>
                  <th scope="col">Обучающийся</th>
                  <th scope="col">Отметка</th>
                  <th scope="col">Посещаемость</th>
                </tr>
              </thead>
              <tbody>
                {students.map((student) => {
                  const row = rows.get(student.id)!;
                  return (
                    <tr key={student.id}>
                      <th scope="row">{student.fullName}</th>
                      <td>
                        <select
                          aria-label={`Отметка: ${student.fullName}`}
                          value={row.value}
                          onChange={(event) => setRow(student.id, { value: event.target.value as MarkValue | '' })}
                        >
                          <option value="">—</option>
                          {VALUES.map((value) => (
                            <option key={value} value={value}>
                              {VALUE_SPOKEN[value]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select
                          aria-label={`Посещаемость: ${student.fullName}`}
                          value={row.status}
                          onChange={(event) =>
                            setRow(student.id, { status: event.target.value as AttendanceStatus | '' })
                          }
                        >
                          <option value="">присутствовал</option>
                          {STATUSES.map((status) => (
                            <option key={status} value={status}>
                              {ATTENDANCE[status].code} — {ATTENDANCE[status].label}
                            </option>
                          ))}
                        </select>
                        {noticeOn(journal, student.id, lesson.date) && (
                          <small className="journal-notice-hint">
                            Родители предупредили: {noticeOn(journal, student.id, lesson.date)!.reason}
                          </small>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        {error ? <ErrorNotice error={error} /> : null}
        <footer className="actions lesson-editor-footer">
          <button type="submit" className="button button-primary" disabled={locked || saving}>
            {saving ? 'Сохранение…' : 'Сохранить урок'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Отмена
          </button>
        </footer>
      </form>
    </dialog>
  );
}
