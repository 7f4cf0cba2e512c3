/**
 * The region-scale generator (issue 13 §1): the demo region at scale 1 — every planted fixture and demo
 * account, so dev ESIA logins and every existing check keep working — plus bulk municipalities and
 * organizations streamed on top with `COPY … FROM STDIN`, one organization per chunk.
 *
 * - Bounded memory: a chunk is generated, written in its own transaction and dropped; the next chunk is
 *   generated while the previous one's COPY runs (two chunks in memory at most), and what carries over is
 *   the sets of identifiers in use.
 * - Resumable and idempotent: each chunk's transaction records the chunk in `region_generator.chunks`, so
 *   an interrupted run continues where it stopped and a repeated run writes nothing. The plan (seed,
 *   learners, school year) is recorded once; a run with other options is refused rather than mixed in.
 * - Deterministic by seed: a chunk's random streams and ids come from the seed and its key.
 * - Parallel: the people part of each chunk is made on the main thread in chunk order (it draws identifiers
 *   that must be unique across chunks); the journal is generated and the chunk written by `workers` worker
 *   threads (pool.ts), each on its own connection, committing in chunk order. The rows do not depend on the
 *   number of workers.
 *
 * The secondary indexes of the three journal tables (lessons, marks, attendance: nine in ten rows) are
 * dropped while the chunks are written and built again at the end, which sorts once instead of descending
 * a B-tree per row. This is safe: their definitions are recorded in `region_generator.deferred_indexes` in
 * the transaction that drops them, so an interrupted run's next run rebuilds exactly them; the unique ones
 * are rebuilt as unique, so a duplicate the generator made would fail the run rather than pass unseen;
 * primary keys, foreign keys and every other table's indexes stay in place. Generate before serving the
 * database: while a run is under way the journal tables have no secondary indexes.
 */
import { availableParallelism } from 'node:os';
import postgres from 'postgres';
import { createDb } from '../../client.ts';
import { DEMO_SCHOOL_YEAR } from '../context.ts';
import { isDatabaseEmpty, seedDemoRegion } from '../seed.ts';
import { BOOKKEEPING, loadShared, loadTerritory, recordPlan, writeChunk } from './bookkeeping.ts';
import { generateOrganization, generateTerritory } from './organization.ts';
import { planRegion } from './plan.ts';
import {
  deferCompletenessCounts,
  deferIndexes,
  rebuildIndexes,
  recountCompleteness,
  refreshStatistics,
} from './maintenance.ts';
import { startChunkPool } from './pool.ts';
import { postmasterOf, serverCpuSeconds } from './server-cpu.ts';

/**
 * Two workers per core, at most four. A worker alternates between making a table's rows (its thread) and
 * waiting for the server to take them (its backend), and waits again for its turn to commit, so one worker
 * per core left a third of the machine idle: 40,000 learners on 2 cores took 111.5 s of chunks with 2
 * workers, 87.0 s with 3 and 72.3 s with 4, for the same CPU seconds (docs/region-generator.md). Each holds
 * a chunk (tens of MiB, a 384 MiB heap at most) and a connection, hence the cap.
 */
export function defaultWorkers(): number {
  return Math.min(4, 2 * availableParallelism());
}

/** The launcher's demo seed (tools/launcher): the demo part is the one `npm start` seeds. */
export const DEMO_SEED = 20250901;

export interface RegionOptions {
  /** Learners of the whole region (the demo's included), counted as persons with a class this school year. */
  learners: number;
  seed?: number | string;
  schoolYear?: number;
  /** The last day with marks and attendance; the whole school year by default. */
  through?: string;
  /**
   * No change time of the journal (a mark's or an attendance mark's `set_at`/`updated_at`) lies after this
   * moment: one the simulated year puts later is recorded at it. The journal runs to `through`, months ahead
   * of the clock, and a change time ahead of the clock reads as a new change when its time comes — the
   * analytics facts' change feed recomputed ≈ 500 schools a refresh on the 400,000-learner region, all day.
   * By default the moment the region's first run started; kept in the plan, so a resumed run stamps alike.
   */
  asOf?: Date;
  /** Worker threads writing chunks; the number of cores (at most 4) by default. */
  workers?: number;
  onProgress?(progress: RegionProgress): void;
}

export interface RegionProgress {
  learnersDone: number;
  learnersTotal: number;
  rows: number;
  chunk: string;
}

export interface RegionResult {
  learners: number;
  demoLearners: number;
  chunks: { total: number; written: number; skipped: number };
  /** Learners of the chunks this run wrote. */
  learnersWritten: number;
  /** Rows written by this run per table. */
  rows: Record<string, number>;
  /** Rows written by every run of this plan per table. */
  totalRows: Record<string, number>;
  seconds: number;
  /**
   * CPU seconds this run spent in the generator process (all its threads) and in the PostgreSQL server (every
   * process of it: the generator's backends, the WAL writer, checkpointer, autovacuum; null where the server's
   * processes cannot be read: another machine, not Linux). On a shared machine these, not the wall time, are
   * what the run costs; on an idle one of `c` cores the wall time approaches their sum divided by `c`.
   */
  cpu: { generator: number; postgres: number | null };
  /** The same for the chunks phase alone (what grows with the learners): the figures per learner come from it. */
  chunksCpu: { generator: number; postgres: number | null };
  /** The same for the journal indexes and ANALYZE at the end (the server's; they too grow with the rows). */
  finishCpu: { generator: number; postgres: number | null };
  workers: number;
  /** Where the time went: seeding the demo part, reading the identifiers in use, the chunks, indexes and ANALYZE. */
  phases: { demo: number; load: number; chunks: number; indexes: number; analyze: number; completeness: number };
}

export async function buildRegion(url: string, options: RegionOptions): Promise<RegionResult> {
  const started = performance.now();
  const seed = options.seed ?? DEMO_SEED;
  const schoolYear = options.schoolYear ?? DEMO_SCHOOL_YEAR;
  const workers = Math.max(1, options.workers ?? defaultWorkers());
  const through = options.through ?? `${schoolYear + 1}-06-30`;
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: {
      application_name: 'region-generator',
      // A crash loses at most the last commits, and their chunk records with them: those chunks are written
      // again by the next run, so the WAL flush per commit buys nothing here.
      synchronous_commit: 'off',
    },
  });
  const phases = { demo: 0, load: 0, chunks: 0, indexes: 0, analyze: 0, completeness: 0 };
  let mark = started;
  const phase = (name: keyof typeof phases) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };
  const generatorCpu = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  };
  try {
    const [{ backend } = { backend: 0 }] = await sql<{ backend: number }[]>`select pg_backend_pid() as backend`;
    const server = postmasterOf(backend);
    const cpuNow = () => ({ generator: generatorCpu(), postgres: server === null ? null : serverCpuSeconds(server) });
    const cpuSince = (from: ReturnType<typeof cpuNow>) => {
      const now = cpuNow();
      return {
        generator: now.generator - from.generator,
        postgres: now.postgres === null || from.postgres === null ? null : now.postgres - from.postgres,
      };
    };
    const cpuAtStart = cpuNow();
    const measureCpu = (result: RegionResult) => {
      result.cpu = cpuSince(cpuAtStart);
    };
    const demo = createDb(url, { max: 1 });
    try {
      if (await isDatabaseEmpty(demo.db)) await seedDemoRegion(demo.db, { seed: DEMO_SEED, scale: 1 });
    } finally {
      await demo.close();
    }
    phase('demo');
    await sql.unsafe(BOOKKEEPING);
    const { demoLearners, stampedUntil } = await recordPlan(sql, {
      seed: String(seed),
      learners: options.learners,
      schoolYear,
      through,
      asOf: options.asOf,
    });
    const plan = planRegion(seed, options.learners - demoLearners);
    const done = new Map(
      (
        await sql<{ number: number; rows: Record<string, number> }[]>`
        select number, rows from region_generator.chunks`
      ).map((row) => [row.number, row.rows]),
    );
    const total = plan.organizations.length + 1;
    const result: RegionResult = {
      learners: options.learners,
      demoLearners,
      chunks: { total, written: 0, skipped: done.size },
      learnersWritten: 0,
      rows: {},
      totalRows: {},
      seconds: 0,
      phases,
      cpu: { generator: 0, postgres: null },
      chunksCpu: { generator: 0, postgres: null },
      finishCpu: { generator: 0, postgres: null },
      workers,
    };
    const todo = plan.organizations.filter((organization) => !done.has(organization.number));
    if (done.has(0) && todo.length === 0) {
      // A run interrupted while it rebuilt the indexes left some to build: nothing else to do.
      await rebuildIndexes(sql);
      await recountCompleteness(sql);
      result.totalRows = sumRows([...done.values()]);
      result.seconds = (performance.now() - started) / 1000;
      measureCpu(result);
      return result;
    }

    const shared = await loadShared(sql, seed, schoolYear, through, stampedUntil);
    phase('load');
    let rows = 0;
    let learnersDone =
      demoLearners + plan.organizations.filter((o) => done.has(o.number)).reduce((s, o) => s + o.learners, 0);
    const written: Record<string, number>[] = [];
    const statistics = refreshStatistics(sql, learnersDone);
    const recordWritten = (chunk: { key: string; learners: number }, counts: Record<string, number>) => {
      written.push(counts);
      rows += Object.values(counts).reduce((sum, n) => sum + n, 0);
      learnersDone += chunk.learners;
      statistics.grown(learnersDone);
      result.learnersWritten += chunk.learners;
      result.chunks.written++;
      options.onProgress?.({ learnersDone, learnersTotal: options.learners, rows, chunk: chunk.key });
    };
    options.onProgress?.({ learnersDone, learnersTotal: options.learners, rows, chunk: 'territory' });
    if (!done.has(0)) {
      const territory = generateTerritory(shared, plan);
      recordWritten(territory, await writeChunk(sql, territory));
    }
    await loadTerritory(sql, shared);

    await deferIndexes(sql);
    await deferCompletenessCounts(sql);
    const cpuAtChunks = cpuNow();
    const pool = await startChunkPool(url, workers, shared.subjectIds, recordWritten);
    try {
      for (const organization of todo) await pool.submit(generateOrganization(shared, organization));
      await pool.finish();
    } finally {
      await pool.close();
    }
    await statistics.settled();
    phase('chunks');
    result.chunksCpu = cpuSince(cpuAtChunks);
    const cpuAtFinish = cpuNow();
    await rebuildIndexes(sql);
    phase('indexes');
    await sql.unsafe('analyze');
    phase('analyze');
    await recountCompleteness(sql);
    phase('completeness');
    result.finishCpu = cpuSince(cpuAtFinish);

    result.rows = sumRows(written);
    const all = await sql<{ rows: Record<string, number> }[]>`select rows from region_generator.chunks`;
    result.totalRows = sumRows(all.map((row) => row.rows));
    result.seconds = (performance.now() - started) / 1000;
    measureCpu(result);
    return result;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function sumRows(list: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of list) for (const [table, n] of Object.entries(counts)) sum[table] = (sum[table] ?? 0) + n;
  return sum;
}
