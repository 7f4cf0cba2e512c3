/** Writing an operation's answer as CSV or JSON: the first list in the answer becomes the rows. */
import { stringify } from 'csv-stringify/sync';

export type Format = 'csv' | 'json';

/**
 * The rows of an answer: the first array found walking the data (e.g. `changes`); a connection's edges
 * (`organizationsNotOpened { edges { node } }`) give their nodes.
 */
export function rowsOf(data: unknown): Record<string, unknown>[] | null {
  if (Array.isArray(data))
    return data.map((item) => {
      if (!item || typeof item !== 'object') return { value: item };
      const { node } = item as { node?: unknown };
      return node && typeof node === 'object' ? (node as Record<string, unknown>) : item;
    });
  if (data && typeof data === 'object') {
    for (const value of Object.values(data)) {
      const rows = rowsOf(value);
      if (rows) return rows;
    }
  }
  return null;
}

/** Nested objects become dotted columns (`organization.shortName`); lists inside a row stay JSON. */
export function flatten(row: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}) {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value))
      flatten(value as Record<string, unknown>, name, into);
    else into[name] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return into;
}

export function toCsv(rows: readonly Record<string, unknown>[], header = true): string {
  const flat = rows.map((row) => flatten(row));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  return stringify(flat, { header, columns, cast: { boolean: (value) => (value ? 'true' : 'false') } });
}

export function render(data: unknown, format: Format): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const rows = rowsOf(data);
  if (!rows) throw new Error('В ответе нет списка строк для CSV: выберите формат json.');
  return toCsv(rows);
}
