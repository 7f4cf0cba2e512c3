/** The lesson editor's rules: what the form starts with, what it refuses, and what it sends. */
import { formatDate } from '../../../ui/format.ts';
import type {
  AttendanceStatus,
  GridMark,
  GridStudent,
  LessonMarkInput,
  MarkKind,
  MarkValue,
  SaveLessonInput,
} from './operations.ts';
import { cellKey, type Cell } from './model.ts';

export const VALUES: MarkValue[] = ['FIVE', 'FOUR', 'THREE', 'TWO', 'PASS', 'FAIL'];
export const STATUSES: AttendanceStatus[] = ['ABSENT', 'SICK', 'EXCUSED', 'LATE'];
export const WEIGHTS = [0.5, 1, 1.5, 2, 3, 4, 5];

/** One student's line: the mark of the edited kind and the attendance ('' — none). */
export type Row = { value: MarkValue | ''; status: AttendanceStatus | '' };

export function rowsFor(students: readonly GridStudent[], cells: Map<string, Cell>, lessonId: string, kind: MarkKind) {
  const rows = new Map<string, Row>();
  for (const student of students) {
    const cell = cells.get(cellKey(lessonId, student.id));
    rows.set(student.id, {
      value: cell?.marks.find((mark) => mark.kind === kind)?.value ?? '',
      status: cell?.attendance?.status ?? '',
    });
  }
  return rows;
}

/** A control-work lesson opens on its control marks; any other on the current ones. */
export function defaultKind(lessonMarks: readonly GridMark[]): MarkKind {
  const kinds = new Set(lessonMarks.map((mark) => mark.kind));
  return kinds.has('CONTROL') && !kinds.has('CURRENT') ? 'CONTROL' : 'CURRENT';
}

export function weightOf(lessonMarks: readonly GridMark[], kind: MarkKind): number {
  return lessonMarks.find((mark) => mark.kind === kind)?.weight ?? (kind === 'CONTROL' ? 2 : 1);
}

export interface LessonForm {
  topic: string;
  homework: string;
  dueOn: string;
  mandatory: boolean;
}

export interface FieldErrors {
  topic?: string;
  homework?: string;
  dueOn?: string;
}

/** The server's own limits, checked before sending so the teacher sees them at the field. */
export function validateLesson(form: LessonForm, lessonDate: string): FieldErrors {
  const errors: FieldErrors = {};
  const text = form.homework.trim();
  if (form.topic.trim().length > 500) errors.topic = 'Тема — не длиннее 500 символов.';
  if (text.length > 4000) errors.homework = 'Текст задания — не длиннее 4000 символов.';
  if (!text && (form.dueOn || form.mandatory))
    errors.homework = 'Укажите текст задания или уберите срок и отметку «обязательное».';
  if (form.dueOn && form.dueOn < lessonDate)
    errors.dueOn = `Срок сдачи не может быть раньше урока (${formatDate(lessonDate)}).`;
  return errors;
}

export function lessonFields(
  lessonId: string,
  form: LessonForm,
): Pick<SaveLessonInput, 'lessonId' | 'topic' | 'homework'> {
  const text = form.homework.trim();
  return {
    lessonId,
    topic: form.topic.trim() || null,
    homework: text ? { text, dueOn: form.dueOn || null, mandatory: form.mandatory } : null,
  };
}

/** Only what changed: new, corrected and removed marks (all of them again when the weight changed), absences. */
export function rowChanges(
  students: readonly GridStudent[],
  before: Map<string, Row>,
  after: Map<string, Row>,
  mark: { kind: MarkKind; weight: number; baseWeight: number },
) {
  const marks: LessonMarkInput[] = [];
  const attendance: { studentId: string; status: AttendanceStatus | null }[] = [];
  for (const student of students) {
    const was = before.get(student.id);
    const now = after.get(student.id);
    if (!was || !now) continue;
    const reweighed = now.value !== '' && mark.weight !== mark.baseWeight;
    if (now.value !== was.value || reweighed) {
      marks.push({ studentId: student.id, kind: mark.kind, value: now.value || null, weight: mark.weight });
    }
    if (now.status !== was.status) attendance.push({ studentId: student.id, status: now.status || null });
  }
  return { marks, attendance };
}
