import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as admissionsSchema from './admissions.ts';
import * as learningSchema from './learning.ts';
import * as peopleSchema from './people.ts';

export const schema = { ...peopleSchema, ...learningSchema, ...admissionsSchema };
export type Database = PostgresJsDatabase<typeof schema>;
/** A database handle or a transaction: repository functions accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DbHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  max?: number;
  /** Called for every SQL statement; the statement-count tests and benchmarks listen here. */
  onQuery?: (query: string, params: unknown[]) => void;
}

export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // While PostgreSQL is unreachable a request fails after this many seconds instead of the driver's 30.
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'region-edu' },
  });
  const db = drizzle(sql, {
    schema,
    logger: options.onQuery ? { logQuery: (query, params) => options.onQuery?.(query, params) } : false,
  });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** The same server and database as `url`, logged in as another role. */
export function urlForRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

/** The same server as `url`, another database. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A column as `"schema"."table"."column"`. Drizzle renders a column in a `sql` template by its bare name
 * when the query reads one table, and inside a correlated subquery a bare `"id"` binds to the subquery's
 * own table — so every outer reference inside a subquery must go through here.
 */
export function qualified(column: AnyPgColumn): SQL {
  const { name, schema } = getTableConfig(column.table);
  return sql`${sql.identifier(schema ?? 'public')}.${sql.identifier(name)}.${sql.identifier(column.name)}`;
}
