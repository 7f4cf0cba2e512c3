/** How the keys move the focus in the grid, like a spreadsheet: a pure function of the key and the position. */

export interface Position {
  /** -1: the lessons' header row; 0… the students. */
  row: number;
  col: number;
}

interface Key {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
}

/**
 * The cell a key moves to, or null when the key is not a move. Tab walks the cells row by row and returns
 * null after the last cell (or before the first with Shift), so the browser takes the focus out of the grid.
 */
export function moveFor(event: Key, { row, col }: Position, rows: number, cols: number): Position | null {
  const last = cols - 1;
  if (event.ctrlKey) {
    if (event.key === 'Home') return { row: 0, col: 0 };
    if (event.key === 'End') return { row: rows - 1, col: last };
    return null;
  }
  switch (event.key) {
    case 'ArrowLeft':
      return { row, col: col - 1 };
    case 'ArrowRight':
      return { row, col: col + 1 };
    case 'ArrowUp':
      return { row: row - 1, col };
    case 'ArrowDown':
      return { row: row + 1, col };
    case 'Home':
      return { row, col: 0 };
    case 'End':
      return { row, col: last };
    case 'Tab':
      if (!event.shiftKey) {
        if (col < last) return { row, col: col + 1 };
        return row < rows - 1 ? { row: row + 1, col: 0 } : null;
      }
      if (col > 0) return { row, col: col - 1 };
      return row > 0 ? { row: row - 1, col: last } : null;
    case 'Enter':
      // On the header the button opens the lesson editor instead.
      if (row === -1) return null;
      return { row: event.shiftKey ? row - 1 : row + 1, col };
    default:
      return null;
  }
}

/** Keeps a position inside the grid: the header row (-1) to the last student, the first to the last lesson. */
export function clamp({ row, col }: Position, rows: number, cols: number): Position {
  return { row: Math.max(-1, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) };
}

/** The focusable element of each cell by `row:col`, for moving the focus. */
export function register(refs: Map<string, HTMLElement>, row: number, col: number, element: HTMLElement | null) {
  if (element) refs.set(`${row}:${col}`, element);
  else refs.delete(`${row}:${col}`);
}

/** The last lesson that has taken place by `today`, or -1. */
export function lastPastIndex(lessons: readonly { date: string }[], today: string): number {
  let index = -1;
  lessons.forEach((lesson, i) => {
    if (lesson.date <= today) index = i;
  });
  return index;
}
