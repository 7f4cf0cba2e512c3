/**
 * Rows as PostgreSQL `COPY … FROM STDIN` text (tab-separated, `\N` for NULL), written through the `postgres`
 * driver's own `writable()`: no second driver, and the bytes go to the server as they are produced.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';

/** Lines handed to the socket at once: large enough to be cheap, small enough for back-pressure to work. */
const LINES_PER_WRITE = 4_000;

const SPECIAL = /[\\\t\n\r]/;

/** One field in COPY text format. */
export function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return SPECIAL.test(value) ? escape(value) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return escape(JSON.stringify(value));
  return String(value);
}

function escape(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The lines of one table in one chunk, with the columns they fill. */
export interface CopyBatch {
  /** `"schema"."table"`. */
  target: string;
  columns: readonly string[];
  lines: string[];
}

export function qualifiedName(table: PgTable): string {
  const { schema } = getTableConfig(table);
  return `"${schema ?? 'public'}"."${getTableName(table)}"`;
}

/**
 * A batch from the generator's row objects (drizzle's camelCase keys, as the demo factories make them): the
 * columns are those the rows set, so a column left out keeps its default.
 */
export function rowsBatch(table: PgTable, rows: readonly Record<string, unknown>[]): CopyBatch {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  for (const key of keys) {
    const column = columns[key];
    if (!column) throw new Error(`region: ${key} is not a column of ${qualifiedName(table)}`);
    if (column.hasDefault && rows.some((row) => !(key in row)))
      throw new Error(`region: some ${qualifiedName(table)} rows leave out ${key}, which has a default`);
  }
  return {
    target: qualifiedName(table),
    columns: keys.map((key) => (columns[key] as PgColumn).name),
    lines: rows.map((row) => keys.map((key) => field(row[key])).join('\t')),
  };
}

/** A batch the generator fills line by line (the journal tables: millions of rows, no objects in between). */
export function lineBatch(table: PgTable, columns: readonly string[]): CopyBatch {
  return { target: qualifiedName(table), columns, lines: [] };
}

export async function copyBatch(sql: postgres.Sql | postgres.TransactionSql, batch: CopyBatch): Promise<void> {
  if (batch.lines.length === 0) return;
  const columns = batch.columns.map((name) => `"${name}"`).join(', ');
  const stream = await sql.unsafe(`copy ${batch.target} (${columns}) from stdin`).writable();
  for (let start = 0; start < batch.lines.length; start += LINES_PER_WRITE) {
    const text = `${batch.lines.slice(start, start + LINES_PER_WRITE).join('\n')}\n`;
    if (!stream.write(text)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
}
