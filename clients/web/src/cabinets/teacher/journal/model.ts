/**
 * The journal grid as the teacher reads it: marks and attendance by cell, averages, and what each key
 * does. Pure functions, so the rules are easy to read and to change.
 */
import type { AttendanceStatus, GridAttendance, GridMark, JournalGridData, MarkKind, MarkValue } from './operations.ts';

export const VALUE_TEXT: Record<MarkValue, string> = {
  TWO: '2',
  THREE: '3',
  FOUR: '4',
  FIVE: '5',
  PASS: 'зач',
  FAIL: 'нз',
  NOT_ATTESTED: 'н/а',
};

export const VALUE_SPOKEN: Record<MarkValue, string> = {
  TWO: '2',
  THREE: '3',
  FOUR: '4',
  FIVE: '5',
  PASS: 'зачёт',
  FAIL: 'незачёт',
  NOT_ATTESTED: 'не аттестован',
};

const NUMERIC: Partial<Record<MarkValue, number>> = { TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };

/** The short code a teacher writes in a paper journal, and what it means. */
export const ATTENDANCE: Record<AttendanceStatus, { code: string; label: string }> = {
  ABSENT: { code: 'н', label: 'отсутствовал' },
  SICK: { code: 'б', label: 'болел' },
  EXCUSED: { code: 'у', label: 'уважительная причина' },
  LATE: { code: 'оп', label: 'опоздал' },
};

export const KIND_LABEL: Record<MarkKind, string> = {
  CURRENT: 'текущая',
  CONTROL: 'контрольная',
  PERIOD: 'за период',
  YEAR: 'годовая',
  FINAL: 'итоговая',
};

export const cellKey = (lessonId: string, studentId: string) => `${lessonId}|${studentId}`;

export interface Cell {
  marks: GridMark[];
  attendance: GridAttendance | null;
}

/** Marks and attendance by `lesson|student`. */
export function cellsOf(grid: Pick<JournalGridData, 'marks' | 'attendance'>): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const cell = (lessonId: string, studentId: string) => {
    const key = cellKey(lessonId, studentId);
    let found = cells.get(key);
    if (!found) cells.set(key, (found = { marks: [], attendance: null }));
    return found;
  };
  for (const mark of grid.marks) if (mark.lesson) cell(mark.lesson.id, mark.student.id).marks.push(mark);
  for (const entry of grid.attendance) cell(entry.lesson.id, entry.student.id).attendance = entry;
  return cells;
}

/** Weighted average of numeric current and control marks: Σ value·weight / Σ weight (architecture.md). */
export function weightedAverage(marks: readonly GridMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const mark of marks) {
    const value = NUMERIC[mark.value];
    if (value === undefined || (mark.kind !== 'CURRENT' && mark.kind !== 'CONTROL')) continue;
    sum += value * mark.weight;
    weights += mark.weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 100) / 100 : null;
}

export function averageTone(average: number | null): string {
  if (average === null) return '';
  if (average >= 4.5) return 'mark-5';
  if (average >= 3.5) return 'mark-4';
  if (average >= 2.5) return 'mark-3';
  return 'mark-2';
}

export function markClass(value: MarkValue): string {
  const numeric = NUMERIC[value];
  if (numeric) return `mark mark-${numeric}`;
  return value === 'PASS' ? 'mark mark-5' : 'mark mark-2';
}

/** What a cell says to a screen reader: its marks and attendance in words. */
export function describeCell(cell: Cell | undefined): string {
  const parts: string[] = [];
  for (const mark of cell?.marks ?? []) {
    const extra = [mark.kind === 'CONTROL' ? 'контрольная' : null, mark.weight !== 1 ? `вес ${mark.weight}` : null]
      .filter(Boolean)
      .join(', ');
    parts.push(`отметка ${VALUE_SPOKEN[mark.value]}${extra ? ` (${extra})` : ''}`);
  }
  if (cell?.attendance) parts.push(ATTENDANCE[cell.attendance.status].label);
  return parts.length ? parts.join(', ') : 'пусто';
}

/** What a key press in a cell asks for. */
export type CellAction =
  | { kind: 'mark'; value: MarkValue }
  | { kind: 'attendance'; status: AttendanceStatus | null }
  | { kind: 'clear' }
  | { kind: 'invalid'; message: string };

const MARK_KEYS: Record<string, MarkValue> = { '2': 'TWO', '3': 'THREE', '4': 'FOUR', '5': 'FIVE', '+': 'PASS' };
const ATTENDANCE_KEYS: Record<string, AttendanceStatus | null> = {
  н: 'ABSENT',
  б: 'SICK',
  у: 'EXCUSED',
  о: 'LATE',
  п: null,
};
/** The same letters typed with the Latin layout on: the physical keys of «н», «б», «у», «о», «п». */
const LATIN_KEYS: Record<string, string> = { KeyY: 'н', Comma: 'б', KeyE: 'у', KeyJ: 'о', KeyG: 'п' };

export function actionForKey(key: string, code: string): CellAction | null {
  if (key === 'Delete' || key === 'Backspace') return { kind: 'clear' };
  if (key in MARK_KEYS) return { kind: 'mark', value: MARK_KEYS[key]! };
  if (key === '-' || key === '−') return { kind: 'mark', value: 'FAIL' };
  if (key === '1' || key === '0') {
    return { kind: 'invalid', message: 'Такой отметки нет: ставятся 2–5, «+» — зачёт, «−» — незачёт.' };
  }
  const letter = key.toLowerCase();
  if (letter in ATTENDANCE_KEYS) return { kind: 'attendance', status: ATTENDANCE_KEYS[letter]! };
  if (/^[a-z,]$/i.test(key) && code in LATIN_KEYS) {
    return { kind: 'attendance', status: ATTENDANCE_KEYS[LATIN_KEYS[code]!]! };
  }
  return null;
}

/** Months of a range, for paging the grid through a long period. */
export function monthsOf(from: string, to: string): { from: string; to: string; label: string }[] {
  const months: { from: string; to: string; label: string }[] = [];
  const name = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  let start = from;
  while (start <= to) {
    const [year, month] = start.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const end = last < to ? last : to;
    const label = name.format(new Date(`${start}T00:00:00Z`));
    months.push({ from: start, to: end, label: label.charAt(0).toUpperCase() + label.slice(1) });
    start = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  }
  return months;
}

/**
 * The parents' advance notice covering a student's lesson day, if any (issue 15 §2): on such a day an absence
 * is excused by default.
 */
export function noticeOn(
  grid: Pick<JournalGridData, 'absenceNotices'>,
  studentId: string,
  date: string,
): JournalGridData['absenceNotices'][number] | undefined {
  return grid.absenceNotices.find(
    (notice) => notice.student.id === studentId && notice.from <= date && date <= notice.to,
  );
}
