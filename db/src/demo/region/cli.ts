/**
 * `npm run demo:region -- --learners 400000`: the demo region plus a region-size bulk, streamed (generate.ts).
 *
 * Where it writes, by default, is where `npm start` reads (location.ts), so `npm start` and `npm run bench`
 * afterwards serve the generated region. `--data-dir` (and `--port`) keep it apart; with
 * `--database-url postgres://…/postgres` (or DATABASE_URL) the generator uses that server's `region` database
 * instead, as the launcher does.
 *
 * The embedded server is started for the run with bulk-load settings (BULK_LOAD below) and, once the region is
 * written, stopped — a clean shutdown writes a checkpoint — and started again with its normal settings for
 * the summary, so the data directory the platform serves afterwards is durable and configured as usual.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import postgres from 'postgres';
import { z } from 'zod';
import { urlForDatabase } from '../../client.ts';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../embedded.ts';
import { migrateDatabase } from '../../migrate.ts';
import { buildRegion, DEMO_SEED, defaultWorkers, type RegionResult } from './generate.ts';
import { REGION_DEFAULTS } from './location.ts';

const Options = z.object({
  learners: z.coerce.number().int().positive({ error: 'pass --learners N (a positive whole number)' }),
  seed: z.string().min(1),
  through: z.iso.date().optional(),
  asOf: z.iso.datetime({ offset: true }).optional(),
  databaseUrl: z.url().optional(),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65_535),
  rolePassword: z.string().min(1),
  workers: z.coerce.number().int().min(1).max(64),
});

/**
 * PostgreSQL settings for the generation run only (PostgreSQL's «Populating a Database»): no WAL for
 * replication (`wal_level = minimal` needs `max_wal_senders = 0`), so the journal indexes rebuilt at the end
 * are written without WAL; checkpoints only every 8 GB of WAL or an hour, so pages are not written over and
 * over nor logged whole after every few hundred MB. Not more: the WAL between two checkpoints stays on disk,
 * and with 64 GB the 400,000-learner run (29 GB of tables) kept 45 GB of WAL and ran out of a 75 GB disk
 * while it built the journal indexes. No autovacuum while the tables are filled (ANALYZE runs at
 * the end). `fsync` stays on: with `synchronous_commit = off` no backend waits for a flush anyway, and an
 * operating-system crash with fsync off could corrupt a data directory that is also the platform's.
 */
const BULK_LOAD: Record<string, string> = {
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '8GB',
  checkpoint_timeout: '1h',
  autovacuum: 'off',
  shared_buffers: '512MB',
  wal_buffers: '64MB',
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      learners: { type: 'string' },
      seed: { type: 'string', default: String(DEMO_SEED) },
      through: { type: 'string' },
      'as-of': { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const parsed = Options.safeParse({
    learners: values.learners,
    seed: values.seed,
    through: values.through,
    asOf: values['as-of'],
    databaseUrl: values['database-url'] ?? process.env['DATABASE_URL'],
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : REGION_DEFAULTS.dataDir,
    port: values.port ?? process.env['PG_PORT'] ?? REGION_DEFAULTS.port,
    rolePassword: process.env['DB_ROLE_PASSWORD'] ?? REGION_DEFAULTS.rolePassword,
    workers: values.workers ?? defaultWorkers(),
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    process.exitCode = 2;
    return;
  }
  const options = parsed.data;
  let cluster: EmbeddedCluster | undefined;
  let serverUrl = options.databaseUrl;
  if (!serverUrl) {
    await mkdir(options.dataDir, { recursive: true });
    console.log(`Embedded PostgreSQL on port ${options.port}, data in ${options.dataDir} (bulk-load settings)`);
    cluster = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.port,
      persistent: true,
      settings: BULK_LOAD,
    });
    serverUrl = cluster.url;
  }
  const bar = new cliProgress.SingleBar(
    {
      format:
        '{bar} {percentage}% | {value}/{total} learners | {rate} learners/s | {rows} rows | ETA {eta_formatted} | RSS {rss} MiB | {chunk}',
      etaBuffer: 50,
      hideCursor: true,
      // Logged runs (CI, `> file`) get a line every ten seconds instead of a redrawn bar.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  try {
    const url = await ensureDatabase(serverUrl, REGION_DEFAULTS.database);
    await migrateDatabase(url, options.rolePassword);
    let first: { at: number; learners: number } | undefined;
    let barStarted = false;
    const result = await buildRegion(url, {
      learners: options.learners,
      seed: /^-?\d+$/.test(options.seed) ? Number(options.seed) : options.seed,
      through: options.through,
      asOf: options.asOf ? new Date(options.asOf) : undefined,
      workers: options.workers,
      onProgress: (progress) => {
        // The rate of this run's chunks: the demo part and the chunks of an earlier run do not count.
        first ??= { at: performance.now(), learners: progress.learnersDone };
        const seconds = (performance.now() - first.at) / 1000;
        const payload = {
          rows: progress.rows.toLocaleString('en-US'),
          rate: Math.round((progress.learnersDone - first.learners) / Math.max(seconds, 0.001)),
          rss: Math.round(process.memoryUsage.rss() / 2 ** 20),
          chunk: progress.chunk,
        };
        if (!barStarted) {
          bar.start(progress.learnersTotal, progress.learnersDone, payload);
          barStarted = true;
        } else bar.update(progress.learnersDone, payload);
      },
    });
    bar.stop();
    if (cluster) {
      await cluster.stop();
      cluster = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, persistent: true });
    }
    await report(url, result);
  } catch (error) {
    bar.stop();
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    bar.stop();
    await cluster?.stop();
  }
}

async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return urlForDatabase(serverUrl, database);
}

async function report(url: string, result: RegionResult): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ size } = { size: '?' }] = await sql<{ size: string }[]>`
      select pg_size_pretty(pg_database_size(current_database())) as size`;
    const written = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const learnersWritten = result.learnersWritten;
    const perThousand = (seconds: number, learners: number) => ((seconds * 1000) / Math.max(learners, 1)).toFixed(2);
    if (result.chunks.written === 0) {
      console.log(`The region of ${result.learners} learners is complete already: nothing to write.`);
    } else {
      console.log(
        `Region of ${result.learners} learners (${result.demoLearners} of the demo, seed-deterministic): ` +
          `${result.chunks.written} chunks written, ${result.chunks.skipped} were already there.`,
      );
    }
    console.table(
      Object.fromEntries(
        Object.entries(result.totalRows)
          .sort(([, a], [, b]) => b - a)
          .map(([table, total]) => [table, { total, 'this run': result.rows[table] ?? 0 }]),
      ),
    );
    console.log(
      [
        `Wall time        ${result.seconds.toFixed(1)} s (demo part ${result.phases.demo.toFixed(1)} s, identifiers in use ${result.phases.load.toFixed(1)} s, chunks ${result.phases.chunks.toFixed(1)} s, journal indexes ${result.phases.indexes.toFixed(1)} s, ANALYZE ${result.phases.analyze.toFixed(1)} s, completeness counts ${result.phases.completeness.toFixed(1)} s)`,
        `Rows written     ${written.toLocaleString('en-US')} (${Math.round(written / Math.max(result.phases.chunks, 0.001)).toLocaleString('en-US')} rows/s while writing chunks)`,
        `CPU              generator ${result.cpu.generator.toFixed(1)} s (${result.workers} workers), PostgreSQL server ${result.cpu.postgres === null ? 'unknown' : `${result.cpu.postgres.toFixed(1)} s`}`,
        `CPU of chunks    generator ${result.chunksCpu.generator.toFixed(1)} s, PostgreSQL server ${result.chunksCpu.postgres === null ? 'unknown' : `${result.chunksCpu.postgres.toFixed(1)} s`} (per 1,000 learners written: ${perThousand(result.chunksCpu.generator, learnersWritten)} s and ${result.chunksCpu.postgres === null ? '?' : perThousand(result.chunksCpu.postgres, learnersWritten)} s)`,
        `CPU of the end   PostgreSQL server ${result.finishCpu.postgres === null ? 'unknown' : `${result.finishCpu.postgres.toFixed(1)} s`} (journal indexes and ANALYZE)`,
        `Peak RSS         ${peakRss.toFixed(0)} MiB (the generator process)`,
        `Database size    ${size}`,
        `Database         ${url.replace(/\/\/[^@]*@/, '//')}`,
      ].join('\n'),
    );
  } finally {
    await sql.end();
  }
}

await main();
