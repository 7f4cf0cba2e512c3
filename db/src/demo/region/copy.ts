/**
 * Rows as PostgreSQL `COPY … FROM STDIN` text (tab-separated, `\N` for NULL), written through the `postgres`
 * driver's own `writable()`: no second driver, and the bytes go to the server as they are produced.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';

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

/**
 * The rows of one table in one chunk, with the columns they fill. Lines are appended as strings and turned
 * into UTF-8 buffers a class (or a table) at a time by `sealLines`: the strings die young (a cheap scavenge)
 * instead of living, as millions of small heap objects, until the chunk is written — which made the
 * generator spend a sixth of its time in full garbage collections. Buffers also cross to a worker thread or
 * to the socket without another conversion.
 */
export interface CopyBatch {
  /** `"schema"."table"`. */
  target: string;
  columns: readonly string[];
  /** Lines not sealed yet. */
  lines: string[];
  /** Sealed lines: COPY text, each part ending with a newline. */
  parts: Uint8Array[];
  /** Rows in `parts`. */
  sealed: number;
}

/** Turns the pending lines into one buffer. */
export function sealLines(batch: CopyBatch): void {
  if (batch.lines.length === 0) return;
  batch.parts.push(Buffer.from(`${batch.lines.join('\n')}\n`));
  batch.sealed += batch.lines.length;
  batch.lines = [];
}

/** Appends COPY text made elsewhere (a ByteWriter's): `rows` lines, each ending with a newline. */
export function addPart(batch: CopyBatch, bytes: Uint8Array, rows: number): void {
  if (rows === 0) return;
  batch.parts.push(bytes);
  batch.sealed += rows;
}

/** Rows of a batch, sealed or not. */
export function batchRows(batch: CopyBatch): number {
  return batch.sealed + batch.lines.length;
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
  const batch: CopyBatch = {
    target: qualifiedName(table),
    columns: keys.map((key) => (columns[key] as PgColumn).name),
    lines: rows.map((row) => keys.map((key) => field(row[key])).join('\t')),
    parts: [],
    sealed: 0,
  };
  sealLines(batch);
  return batch;
}

/** A batch the generator fills line by line (the journal tables: millions of rows, no objects in between). */
export function lineBatch(table: PgTable, columns: readonly string[]): CopyBatch {
  return { target: qualifiedName(table), columns, lines: [], parts: [], sealed: 0 };
}

export async function copyBatch(sql: postgres.Sql | postgres.TransactionSql, batch: CopyBatch): Promise<void> {
  sealLines(batch);
  if (batch.sealed === 0) return;
  const columns = batch.columns.map((name) => `"${name}"`).join(', ');
  const stream = await sql.unsafe(`copy ${batch.target} (${columns}) from stdin`).writable();
  for (const part of batch.parts) if (!stream.write(part)) await once(stream, 'drain');
  stream.end();
  await finished(stream);
}
