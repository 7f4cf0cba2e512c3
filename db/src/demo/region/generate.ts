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
import { createContext, documentKey } from '../context.ts';
import { DEMO_SCHOOL_YEAR } from '../context.ts';
import { isDatabaseEmpty, seedDemoRegion } from '../seed.ts';
import { batchRows, copyBatch } from './copy.ts';
import { generateOrganization, generateTerritory, type Chunk, type RegionShared } from './organization.ts';
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
import { MUNICIPALITIES } from '../territory.ts';

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

const BOOKKEEPING = `
  create schema if not exists region_generator;
  create table if not exists region_generator.plan (
    id smallint primary key default 1 check (id = 1),
    seed text not null,
    learners integer not null,
    demo_learners integer not null,
    school_year smallint not null,
    through date not null,
    created_at timestamptz not null default now()
  );
  alter table region_generator.plan add column if not exists stamped_until timestamptz;
  create table if not exists region_generator.deferred_indexes (
    name text primary key,
    definition text not null
  );
  create table if not exists region_generator.chunks (
    number integer primary key,
    key text not null,
    learners integer not null,
    rows jsonb not null,
    written_at timestamptz not null default now()
  );`;

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

/**
 * The plan of this database, recorded by the first run; returns the demo's learners it was made with and the
 * moment no change time of the journal may pass (`RegionOptions.asOf`).
 */
async function recordPlan(
  sql: postgres.Sql,
  wanted: { seed: string; learners: number; schoolYear: number; through: string; asOf: Date | undefined },
): Promise<{ demoLearners: number; stampedUntil: number }> {
  const [existing] = await sql<
    {
      seed: string;
      learners: number;
      demoLearners: number;
      schoolYear: number;
      through: string;
      stampedUntil: Date;
    }[]
  >`select seed, learners, demo_learners as "demoLearners", school_year as "schoolYear", through::text as through,
      coalesce(stamped_until, created_at) as "stampedUntil"
    from region_generator.plan`;
  if (existing) {
    const stampedUntil = new Date(existing.stampedUntil).getTime();
    const differs =
      existing.seed !== wanted.seed ||
      existing.learners !== wanted.learners ||
      existing.schoolYear !== wanted.schoolYear ||
      existing.through !== wanted.through ||
      (wanted.asOf !== undefined && wanted.asOf.getTime() !== stampedUntil);
    if (differs)
      throw new Error(
        `region: this database holds a region of ${existing.learners} learners (seed ${existing.seed}, ` +
          `year ${existing.schoolYear}, through ${existing.through}, as of ${new Date(stampedUntil).toISOString()}); ` +
          'generate another one into an empty database',
      );
    return { demoLearners: existing.demoLearners, stampedUntil };
  }
  const [{ count } = { count: 0 }] = await sql<{ count: number }[]>`
    select count(distinct m.person_id)::int as count
    from learning.class_members m join learning.classes c on c.id = m.class_id
    where c.school_year = ${wanted.schoolYear}`;
  if (wanted.learners < count)
    throw new Error(`region: the demo part alone has ${count} learners; ask for at least that many`);
  const [recorded] = await sql<{ stampedUntil: Date }[]>`
    insert into region_generator.plan (seed, learners, demo_learners, school_year, through, stamped_until)
    values (${wanted.seed}, ${wanted.learners}, ${count}, ${wanted.schoolYear}, ${wanted.through},
      ${wanted.asOf ?? null}::timestamptz)
    returning coalesce(stamped_until, created_at) as "stampedUntil"`;
  return { demoLearners: count, stampedUntil: new Date(recorded!.stampedUntil).getTime() };
}

/**
 * The identifiers in use, read back from the database: the demo's and those of the chunks already written.
 * A resumed run therefore generates the remaining chunks exactly as an uninterrupted one would.
 */
async function loadShared(
  sql: postgres.Sql,
  seed: number | string,
  schoolYear: number,
  through: string,
  stampedUntil: number,
): Promise<RegionShared> {
  // createContext starts the sets with the demo accounts' identifiers, ESIA people the platform may not hold.
  const base = createContext(seed, schoolYear);
  const shared: RegionShared = {
    seed,
    schoolYear,
    through,
    stampedUntil,
    usedSnils: base.usedSnils,
    usedDocuments: base.usedDocuments,
    usedNameBirth: base.usedNameBirth,
    usedInns: new Set(),
    usedCertificateNumbers: new Set(),
    operatorId: null,
    municipalityIds: new Map(),
    coordinators: new Map(),
    subjectIds: new Map(),
  };
  const cursor = sql<
    {
      snils: string | null;
      documentType: string | null;
      documentSeries: string | null;
      documentNumber: string | null;
      key: string;
    }[]
  >`select snils, document_type as "documentType", document_series as "documentSeries",
      document_number as "documentNumber", normalized_name || '|' || birth_date::text as key
    from people.persons`.cursor(10_000);
  for await (const persons of cursor) {
    for (const person of persons) {
      if (person.snils) shared.usedSnils.add(person.snils);
      if (person.documentType && person.documentNumber)
        shared.usedDocuments.add(documentKey(person.documentType, person.documentSeries ?? '', person.documentNumber));
      shared.usedNameBirth.add(person.key);
    }
  }
  for (const { inn } of await sql<{ inn: string }[]>`select inn from people.organizations`) shared.usedInns.add(inn);
  for (const { code, epguNumber } of await sql<{ code: string; epguNumber: string | null }[]>`
    select code, epgu_number as "epguNumber" from extra_education.certificates`) {
    shared.usedCertificateNumbers.add(code);
    if (epguNumber) shared.usedCertificateNumbers.add(epguNumber);
  }
  for (const { id, name } of await sql<{ id: string; name: string }[]>`select id, name from learning.subjects`)
    shared.subjectIds.set(name, id);
  const [operator] = await sql<{ personId: string }[]>`
    select person_id as "personId" from people.role_grants
    where role = 'REGIONAL_OPERATOR' and withdrawn_at is null order by granted_at, id limit 1`;
  shared.operatorId = operator?.personId ?? null;
  return shared;
}

/** Municipality and coordinator ids, from the database: the demo's and those chunk 0 wrote. */
async function loadTerritory(sql: postgres.Sql, shared: RegionShared): Promise<void> {
  const numberOf = new Map(MUNICIPALITIES.map((municipality, index) => [municipality.oktmo, index + 1]));
  for (const { id, oktmo } of await sql<{ id: string; oktmo: string }[]>`select id, oktmo from people.municipalities`) {
    const number = numberOf.get(oktmo);
    if (number) shared.municipalityIds.set(number, id);
  }
  const numberById = new Map([...shared.municipalityIds].map(([number, id]) => [id, number]));
  for (const grant of await sql<{ personId: string; municipalityId: string }[]>`
    select person_id as "personId", municipality_id as "municipalityId" from people.role_grants
    where role = 'MUNICIPAL_COORDINATOR' and withdrawn_at is null order by granted_at, id`) {
    const number = numberById.get(grant.municipalityId);
    if (number && !shared.coordinators.has(number)) shared.coordinators.set(number, grant.personId);
  }
}

async function writeChunk(sql: postgres.Sql, chunk: Chunk): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const batch of chunk.batches) counts[batch.target] = (counts[batch.target] ?? 0) + batchRows(batch);
  await sql.begin(async (tx) => {
    for (const batch of chunk.batches) await copyBatch(tx, batch);
    await tx`
      insert into region_generator.chunks (number, key, learners, rows)
      values (${chunk.number}, ${chunk.key}, ${chunk.learners}, ${tx.json(counts)})`;
  });
  return counts;
}

function sumRows(list: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of list) for (const [table, n] of Object.entries(counts)) sum[table] = (sum[table] ?? 0) + n;
  return sum;
}
