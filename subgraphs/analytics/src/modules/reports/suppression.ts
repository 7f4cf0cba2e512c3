/**
 * Small-cell suppression (issue 12; DOMAIN.md rule 23: published statistics never reveal a small group of
 * persons, Rosstat marks such cells «к»). Pure: it sees the whole cube a report computed — every detail
 * cell and every total, i.e. every grouping set of `GROUP BY CUBE` — and answers which cells to hide.
 *
 * 1. Primary: a cell computed from 1…k−1 persons is suppressed — for a principal who may read the personal
 *    data of every person of the report (`exempt`), only when the cell holds a person without consent to
 *    processing, whose data nobody may see (rule 5).
 * 2. Complementary: a *line* of the cube is a set of cells that differ in one dimension only, together with
 *    their total over that dimension (the cell with that dimension rolled up). The total is the sum of the
 *    line's cells, so a line with exactly one suppressed cell gives it away (total minus the others). In any
 *    such line the smallest other cell (by persons; the total is the largest) is suppressed too, and this
 *    repeats until no line has exactly one suppressed cell. Totals are cells like any other, so their own
 *    lines along the other dimensions are protected the same way.
 *
 * Measures follow the cell: a suppressed cell hides all its values (averages and shares too).
 */

export interface CubeCell {
  /** The cell's value of each dimension (null is a real «не указано» value). */
  coords: readonly (string | null)[];
  /** Which dimensions are rolled up (a total over that dimension). */
  rolledUp: readonly boolean[];
  /** Persons the cell is computed from. */
  persons: number;
  /** Of them, persons without an active consent to processing. */
  unconsented: number;
}

const ROLLED_UP = '\u0000*';
const NULL_VALUE = '\u0000-';

function coordKey(cell: CubeCell, replace?: { at: number; with: string }): string {
  return cell.coords
    .map((value, index) => {
      if (replace && replace.at === index) return replace.with;
      if (cell.rolledUp[index]) return ROLLED_UP;
      return value === null ? NULL_VALUE : `=${value}`;
    })
    .join('\u0001');
}

/** The lines of the cube: each is the indices of its cells, the total included. */
export function cubeLines(cells: readonly CubeCell[]): number[][] {
  const byKey = new Map<string, number>();
  cells.forEach((cell, index) => byKey.set(coordKey(cell), index));
  const lines = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    cell.coords.forEach((_, dimension) => {
      if (cell.rolledUp[dimension]) return;
      const totalKey = coordKey(cell, { at: dimension, with: ROLLED_UP });
      const lineKey = `${dimension}\u0002${totalKey}`;
      let line = lines.get(lineKey);
      if (!line) {
        line = [];
        const total = byKey.get(totalKey);
        if (total !== undefined) line.push(total);
        lines.set(lineKey, line);
      }
      line.push(index);
    });
  });
  // In the order of their keys, not of the cells: which cell a line's complement hides depends on the lines
  // handled before it, so the database's row order (a hash aggregate's) must not decide it.
  return [...lines.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, line]) => line);
}

/** The indices of the cells to hide from a principal who may not see small groups. */
export function suppressCells(
  cells: readonly CubeCell[],
  minCellSize: number,
  options: { exempt?: boolean } = {},
): Set<number> {
  const hidden = new Set<number>();
  cells.forEach((cell, index) => {
    const small = cell.persons > 0 && cell.persons < minCellSize;
    if (small && (!options.exempt || cell.unconsented > 0)) hidden.add(index);
  });
  if (hidden.size === 0) return hidden;
  const lines = cubeLines(cells);
  // Ties go to the cell first by its coordinates, not by the order the database answered in: a table and its
  // streamed file (two reads of the cube) or a view and a fact hide the same cells.
  const keys = cells.map((cell) => coordKey(cell));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenInLine = line.filter((index) => hidden.has(index)).length;
      if (hiddenInLine !== 1) continue;
      const candidates = line.filter((index) => !hidden.has(index));
      // A line of one cell and its total (equal by construction) has no other cell: the total goes.
      if (candidates.length === 0) continue;
      const smallest = candidates.reduce((best, index) =>
        cells[index]!.persons < cells[best]!.persons ||
        (cells[index]!.persons === cells[best]!.persons && keys[index]! < keys[best]!)
          ? index
          : best,
      );
      hidden.add(smallest);
      changed = true;
    }
  }
  return hidden;
}
