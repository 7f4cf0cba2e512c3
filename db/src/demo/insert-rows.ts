/**
 * Bulk inserts for the demo seed. Drizzle's `insert().values()` binds one parameter per value and spends
 * most of its time building the statement, so tens of thousands of lessons and marks would take seconds.
 * Here each batch is one `insert … select * from unnest($1::type[], $2::type[], …)`: one parameter per
 * column (a PostgreSQL array literal), whatever the number of rows, far under the 65,535-parameter limit.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { PgEnumColumn, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';

const ROWS_PER_STATEMENT = 10_000;
const MAX_PARAMETERS = 60_000;

export async function insertRows(
  db: Executor,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  // A key some rows leave out would become NULL here instead of the column default: use drizzle for those.
  const partial = keys.some((key) => columns[key]?.hasDefault && rows.some((row) => !(key in row)));
  if (partial) {
    const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / keys.length));
    for (let start = 0; start < rows.length; start += batchSize)
      await db.insert(table).values(rows.slice(start, start + batchSize));
    return;
  }
  const targets = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`demo: ${key} is not a column of the table`);
    return column;
  });
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = targets.map(
      (column, index) =>
        sql`${arrayLiteral(batch.map((row) => row[keys[index] as string]))}::${sql.raw(sqlTypeOf(column))}[]`,
    );
    await db.execute(
      sql`insert into ${table} (${sql.join(
        targets.map((column) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}

function sqlTypeOf(column: PgColumn): string {
  if (column instanceof PgEnumColumn) {
    const { schema, enumName } = column.enum;
    return schema ? `"${schema}"."${enumName}"` : `"${enumName}"`;
  }
  return column.getSQLType();
}

/** `{"a","b",NULL}`: every element quoted and escaped, the column's type parses it. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => (value === null || value === undefined ? 'NULL' : quote(text(value)))).join(',')}}`;
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
