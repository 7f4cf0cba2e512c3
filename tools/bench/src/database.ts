/**
 * The bench's database: a fresh demo region in its own embedded cluster (the default), an embedded cluster on
 * an existing data directory (a region generated beforehand), or any PostgreSQL 18 by URL. Where the bench
 * runs the server itself it loads `pg_stat_statements` (shipped with the embedded binaries) to count the
 * statements each operation runs; it finds the server's processes from `postmaster.pid` to read their CPU.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { createDb, migrateDatabase, urlForDatabase } from '@region/db';
import { startEmbeddedPostgres, type EmbeddedCluster } from '@region/db/embedded';
import { seedDemoRegion } from '@region/db/demo/seed';
import { freePort } from './ports.ts';

export const DEMO_SEED = 20250901;

export interface DatabaseOptions {
  /** Where a fresh demo cluster lives (deleted first and after). */
  scratchDir: string;
  /** An existing embedded data directory (kept). */
  dataDir?: string;
  /** A superuser URL of an existing database (kept). */
  databaseUrl?: string;
  /** The database in `dataDir`'s cluster (default `region`, as `npm start` names it). */
  databaseName: string;
  rolePassword: string;
  log: (line: string) => void;
}

export interface BenchDatabase {
  /** Superuser URL of the bench's database. */
  url: string;
  /** The postmaster's pid when it runs on this machine and its data directory is readable, else null. */
  postmasterPid: number | null;
  /** Whether `pg_stat_statements` counts statements (else the subgraphs' own statement counters do). */
  statementStats: boolean;
  /** Seconds the demo seeding took (fresh demo only). */
  seededInSeconds: number | null;
  close(): Promise<void>;
}

/** Loads pg_stat_statements into a cluster the bench runs: a preload library needs a restart. */
async function preloadStatementStats(serverUrl: string): Promise<boolean> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<
      { setting: string }[]
    >`select setting from pg_settings where name = 'shared_preload_libraries'`;
    const libraries = (row?.setting ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (libraries.includes('pg_stat_statements')) return false;
    await sql.unsafe(`alter system set shared_preload_libraries = '${[...libraries, 'pg_stat_statements'].join(',')}'`);
    return true;
  } finally {
    await sql.end();
  }
}

async function enableStatementStats(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<
      { setting: string }[]
    >`select setting from pg_settings where name = 'shared_preload_libraries'`;
    if (!(row?.setting ?? '').includes('pg_stat_statements')) return false;
    await sql`create extension if not exists pg_stat_statements`;
    // Statements, not transaction control: BEGIN/COMMIT/SET are utility commands and are not counted.
    await sql`alter system set pg_stat_statements.track_utility = off`;
    await sql`select pg_reload_conf()`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

function postmasterPidOf(dataDir: string): number | null {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n', 1)[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

async function dataDirectoryOf(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ setting: string }[]>`select setting from pg_settings where name = 'data_directory'`;
    return row?.setting ?? null;
  } catch {
    return null;
  } finally {
    await sql.end();
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<{ url: string; created: boolean }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
    return { url: urlForDatabase(serverUrl, name), created: !exists };
  } finally {
    await admin.end();
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<BenchDatabase> {
  const { log } = options;
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    await migrateDatabase(url, options.rolePassword);
    const dataDir = await dataDirectoryOf(url);
    const statementStats = await enableStatementStats(url);
    if (!statementStats) log('pg_stat_statements is not loaded on that server: counting statements in the subgraphs.');
    return {
      url,
      postmasterPid: dataDir ? postmasterPidOf(dataDir) : null,
      statementStats,
      seededInSeconds: null,
      close: async () => {},
    };
  }

  const fresh = !options.dataDir;
  const dataDir = options.dataDir ?? options.scratchDir;
  if (fresh) await rm(dataDir, { recursive: true, force: true });
  const port = await freePort();
  let cluster: EmbeddedCluster = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  if (await preloadStatementStats(cluster.url)) {
    await cluster.stop();
    cluster = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  }
  const { url, created } = await ensureDatabase(cluster.url, fresh ? 'region' : options.databaseName);
  log('Applying migrations…');
  await migrateDatabase(url, options.rolePassword);
  let seededInSeconds: number | null = null;
  if (created) {
    log('Seeding the demo region…');
    const started = performance.now();
    const seeding = createDb(url, { max: 1 });
    try {
      await seedDemoRegion(seeding.db, { seed: DEMO_SEED, scale: 1 });
    } finally {
      await seeding.close();
    }
    seededInSeconds = (performance.now() - started) / 1000;
  }
  const statementStats = await enableStatementStats(url);
  return {
    url,
    postmasterPid: postmasterPidOf(dataDir),
    statementStats,
    seededInSeconds,
    async close() {
      await cluster.stop();
      if (fresh) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Row counts that say how big the dataset is (the report's «Dataset» table). */
export async function datasetSizes(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const count = async (label: string, query: string): Promise<[string, number]> => {
      const [row] = await sql.unsafe<{ n: string }[]>(query);
      return [label, Number(row?.n ?? 0)];
    };
    return Object.fromEntries(
      await Promise.all([
        count('municipalities', 'select count(*) as n from people.municipalities'),
        count('organizations', 'select count(*) as n from people.organizations'),
        count('persons', 'select count(*) as n from people.persons'),
        count('current enrolments', 'select count(*) as n from people.enrolments where ended_on is null'),
        count('guardianships', 'select count(*) as n from people.guardianships'),
        count('lessons', 'select count(*) as n from learning.lessons'),
        count('marks', 'select count(*) as n from learning.marks'),
        count('attendance rows', 'select count(*) as n from learning.attendance'),
      ]),
    );
  } finally {
    await sql.end();
  }
}
