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

/**
 * Called when a statement is handed to the driver; the function it returns is called when the statement
 * settles. The time between includes waiting for a pooled connection, which is what a request waits for.
 */
export type StatementObserver = (query: string) => (error?: unknown) => void;

const observed = new WeakSet<object>();

/**
 * Watches every statement of a `postgres` client (drizzle's handle exposes it as `db.$client`), inside
 * transactions and savepoints too. The driver has no instrumentation hook, and drizzle's logger sees a
 * statement only before it runs, so the driver's `unsafe` (what drizzle sends every statement through)
 * is wrapped. Idempotent per client: a subgraph built twice on one pool does not count twice.
 */
export function observeStatements(client: postgres.Sql, observer: StatementObserver): void {
  if (observed.has(client)) return;
  observed.add(client);
  wrap(client, observer);
}

type Wrappable = Pick<postgres.Sql, 'unsafe'> & {
  begin?: (...args: never[]) => unknown;
  savepoint?: (...args: never[]) => unknown;
};

function wrap(client: Wrappable, observer: StatementObserver): void {
  const unsafe = client.unsafe;
  client.unsafe = ((query: string, ...rest: unknown[]) => {
    const pending = (unsafe as (...args: unknown[]) => postgres.PendingQuery<postgres.Row[]>)(query, ...rest);
    const settled = observer(query);
    // `then` starts the (lazy) query a microtask later, after the caller's synchronous `.values()`.
    pending.then(
      () => settled(),
      (error: unknown) => settled(error),
    );
    return pending;
  }) as typeof client.unsafe;
  for (const scope of ['begin', 'savepoint'] as const) {
    const open = client[scope] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof open !== 'function') continue;
    (client as Record<string, unknown>)[scope] = (...args: unknown[]) => {
      const last = args.length - 1;
      const work = args[last];
      if (typeof work === 'function') {
        args[last] = (inner: Wrappable) => {
          wrap(inner, observer);
          return (work as (inner: Wrappable) => unknown)(inner);
        };
      }
      return open.apply(client, args);
    };
  }
}
