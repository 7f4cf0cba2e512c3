/**
 * `npm run bench` (issue 13 §2): starts the platform on a dataset, runs the canonical operations under load
 * through the project gateway, a stock ApolloGateway and the subgraph directly, and writes docs/benchmarks.md.
 *
 *   npm run bench                              fresh demo region, 5 s runs, 3 rounds, 10 and 50 connections
 *   npm run bench -- --quick                   a smoke run: 1 s runs, 1 round
 *   npm run bench -- --data-dir .data/pg       an embedded data directory generated beforehand (database `region`)
 *   npm run bench -- --database-url postgres://postgres:…@host/region   any PostgreSQL 18 (superuser URL)
 *   npm run bench -- --render .data/bench/last-run.json   the report of the last run again, without measuring
 *   npm run bench -- --data-dir … --dataset region --demo-run <a demo run's json> --out docs/benchmarks-region.md
 *                                              a region run, its coordinators' page compared with the demo run's
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { format, resolveConfig } from 'prettier';
import { refreshFacts } from '@region/analytics/facts';
import { createDb } from '@region/db';
import { principalResolver } from '@region/gateway/auth/principal';
import { SUBGRAPHS } from '@region/schema';
import { plantGuardians } from './accounts.ts';
import { readBaseline } from './before-after.ts';
import { datasetSizes, openDatabase } from './database.ts';
import { difference, metricsCounter, pgStatStatementsCounter, type StatementCounter } from './measure.ts';
import { canonicalOperations, webOperation, type Operation } from './operations.ts';
import { startBenchPlatform, type BenchPlatform } from './platform.ts';
import { bodyOf, post, prepare, type Prepared } from './variants.ts';
import { renderReport, type OperationReport, type ReportInput, type Target } from './report.ts';
import { medianOf, openLoopRounds, run, type Sample } from './runs.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ROLE_PASSWORD = 'region-bench';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    database: { type: 'string', default: 'region' },
    dataset: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    quick: { type: 'boolean', default: false },
    render: { type: 'string' },
    'demo-run': { type: 'string' },
  },
});

const settings = {
  seconds: Number(args.duration ?? (args.quick ? 1 : 5)),
  rounds: Number(args.rounds ?? (args.quick ? 1 : 3)),
  connections: (args.connections ?? '10,50').split(',').map(Number),
  statementSamples: args.quick ? 3 : 10,
};

const log = (line: string) => console.log(line);
function machine(pgVersion: string): Record<string, string> {
  return {
    'CPU model': cpus()[0]?.model ?? 'unknown',
    'cores (nproc)': String(cpus().length),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    'Node.js': process.version,
    PostgreSQL: pgVersion,
    autocannon: '9.0.0',
  };
}

const describe = (operation: Operation) => ({
  id: operation.id,
  title: operation.title,
  source: operation.source,
  caller: 'login' in operation.caller ? `\`${operation.caller.login}\`` : `bench guardian ${operation.caller.oid}`,
});

async function countStatements(
  platform: BenchPlatform,
  prepared: Prepared,
  counter: StatementCounter,
  idle: Record<string, number>,
): Promise<Record<string, number>> {
  const body = bodyOf(prepared.operation);
  await post(platform.gatewayUrl, prepared.esiaToken, body);
  const before = await counter.snapshot();
  for (let index = 0; index < settings.statementSamples; index += 1) {
    await post(platform.gatewayUrl, prepared.esiaToken, body);
  }
  const delta = difference(await counter.snapshot(), before);
  return Object.fromEntries(
    Object.entries(delta)
      .map(([name, count]): [string, number] => [name, (count - (idle[name] ?? 0)) / settings.statementSamples])
      .filter(([, count]) => count > 0),
  );
}

async function writeReport(input: ReportInput): Promise<void> {
  const demo = args['demo-run'] ? (JSON.parse(await readFile(args['demo-run'], 'utf8')) as ReportInput) : undefined;
  const markdown = renderReport(input, readBaseline(), demo);
  const out = args.out.startsWith('/') ? args.out : `${ROOT}${args.out}`;
  // Formatted as the repository formats every file, so `npm run format:check` passes on a fresh report.
  await writeFile(out, await format(markdown, { ...(await resolveConfig(out)), filepath: out }));
  log(`Wrote ${out}`);
}

/** `--render <json>`: the report of a run kept in `.data/bench/last-run.json`, without measuring again. */
async function render(path: string): Promise<void> {
  const input = JSON.parse(await readFile(path, 'utf8')) as ReportInput & { generatedAt: string };
  await writeReport({ ...input, generatedAt: new Date(input.generatedAt) });
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const startedAt = performance.now();
  const custom = Boolean(args['data-dir'] || args['database-url']);
  const database = await openDatabase({
    scratchDir: `${ROOT}.data/bench/pg`,
    dataDir: args['data-dir'],
    databaseUrl: args['database-url'],
    databaseName: args.database,
    rolePassword: ROLE_PASSWORD,
    log,
  });
  let platform: BenchPlatform | undefined;
  let counter: StatementCounter | undefined;
  try {
    await plantGuardians(database.url);
    const sizes = await datasetSizes(database.url);
    // Analytics reads its pre-aggregated facts once they are filled (the `analytics-facts` worker keeps them
    // fresh in a running platform); the bench starts no workers, so it brings them up to date before
    // measuring, as the worker would: filled whole where they never were (a fresh demo, a region generated
    // since), else from the changes since their watermark. A whole rebuild of a 400,000-learner region's facts
    // takes ≈ 40 minutes (docs/architecture.md, «Region-scale figures»); the catch-up recomputes only the
    // organizations the changes touched, each by index in its own transaction (3 schools: ≈ 13 s).
    log('Filling the analytics facts…');
    const factsStarted = performance.now();
    const facts = createDb(database.url, { max: 1 });
    try {
      await refreshFacts(facts.db);
    } finally {
      await facts.close();
    }
    const factsSeconds = (performance.now() - factsStarted) / 1000;
    log(`Facts filled in ${factsSeconds.toFixed(1)} s.`);
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    const [version] = await admin<{ server_version: string }[]>`show server_version`;
    await admin.end();
    log('Starting the platform…');
    platform = await startBenchPlatform({ databaseUrl: database.url, rolePassword: ROLE_PASSWORD });
    const started = platform;

    const roleToSubgraph = Object.fromEntries(SUBGRAPHS.map((entry) => [entry.database.role, entry.name]));
    // Analytics reads the read contract as `analytics_ro` (issue 12).
    roleToSubgraph['analytics_ro'] = 'analytics';
    counter = database.statementStats
      ? pgStatStatementsCounter(database.url, roleToSubgraph)
      : metricsCounter(
          Object.fromEntries(
            Object.entries(started.subgraphUrls).map(([name, url]) => [name, url.replace(/\/graphql$/, '/metrics')]),
          ),
        );
    const idleBefore = await counter.snapshot();
    const idle = difference(await counter.snapshot(), idleBefore);

    const resolver = principalResolver({
      peopleUrl: started.subgraphUrls['people']!,
      esiaApiUrl: started.esiaUrl,
      sign: started.signInternal,
      ttlMs: 0,
    });
    const resolve = (oid: string, esiaToken: string) =>
      resolver({ kind: 'person', oid, sid: null, expiresAt: Date.now() / 1000 + 3600 }, esiaToken);

    const operations = canonicalOperations().filter(
      (operation) => !args.only || args.only.split(',').some((id) => operation.id.startsWith(id)),
    );
    // The teacher's journal: the class and subject of their first assignment, as the cabinet opens it.
    const journal = operations.find((operation) => operation.id === 'teacher-journal');
    if (journal) {
      const assignments = (await post(
        started.gatewayUrl,
        await started.token(journal.caller),
        JSON.stringify({ query: webOperation('TeacherAssignments') }),
      )) as { data?: { myAssignments: { class: { id: string }; subject: { id: string } }[] } };
      const first = assignments.data?.myAssignments[0];
      if (first) journal.variables = { classId: first.class.id, subjectId: first.subject.id };
    }

    // The coordinator's list opens on their own municipality (`municipalityFilter` of the territory cabinet).
    const organizations = operations.find((operation) => operation.id === 'coordinator-organizations');
    if (organizations) {
      const me = (await post(
        started.gatewayUrl,
        await started.token(organizations.caller),
        JSON.stringify({ query: webOperation('Me') }),
      )) as { data?: { me: { grants: { municipality: { id: string } | null }[] } } };
      const municipality = me.data?.me.grants.find((grant) => grant.municipality)?.municipality;
      organizations.variables = {
        ...organizations.variables,
        filter: { municipalityId: municipality?.id ?? null, type: null, name: null },
      };
    }

    const reports: OperationReport[] = [];
    const prepared: Prepared[] = [];
    for (const operation of operations) {
      try {
        const ready = await prepare(started, operation, resolve);
        prepared.push(ready);
        const statements = await countStatements(started, ready, counter, idle);
        reports.push({ ...describe(operation), targets: ready.targets, statements, results: {}, notes: ready.notes });
        log(
          `${operation.id}: ${Object.values(statements)
            .reduce((a, b) => a + b, 0)
            .toFixed(1)} statements per request`,
        );
      } catch (error) {
        const message =
          error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
        log(`${operation.id}: not measured — ${message}`);
        reports.push({ ...describe(operation), targets: [], statements: null, results: {}, notes: [], error: message });
      }
    }

    for (const connections of settings.connections) {
      for (const ready of prepared) {
        const report = reports.find((entry) => entry.id === ready.operation.id)!;
        // The warm-up (one request per connection, every one answered: a run cut off by time would leave
        // requests running into the next run) also sizes the measured runs: about `seconds` at its rate.
        const amounts: Partial<Record<Target, number>> = {};
        for (const target of ready.targets) {
          const warm = await run(started, ready, target, connections, { amount: connections }, null);
          amounts[target] = Math.max(connections, Math.round(warm.load.rps * settings.seconds));
        }
        const samples: Partial<Record<Target, Sample[]>> = {};
        for (let round = 0; round < settings.rounds; round += 1) {
          const order = ready.targets.map((_, index) => ready.targets[(index + round) % ready.targets.length]!);
          for (const target of order) {
            const amount = amounts[target]!;
            const sample = await run(started, ready, target, connections, { amount }, database.postmasterPid);
            (samples[target] ??= []).push(sample);
            log(
              `${ready.operation.id} c=${connections} ${target} round ${round + 1}: ${sample.load.rps.toFixed(1)} rps, ` +
                `p95 ${sample.load.p95.toFixed(0)} ms${sample.load.failures ? `, ${sample.load.failures} failed` : ''}`,
            );
          }
        }
        report.results[connections] = Object.fromEntries(
          Object.entries(samples).map(([target, list]) => [target, medianOf(list)]),
        );
      }
    }

    // The open-loop runs (project gateway only).
    for (const ready of prepared) {
      const report = reports.find((entry) => entry.id === ready.operation.id)!;
      const openLoop = await openLoopRounds(started, ready, settings, database.postmasterPid, log);
      if (openLoop) report.openLoop = openLoop;
    }

    const input: ReportInput = {
      generatedAt: new Date(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: machine(version?.server_version ?? 'unknown'),
      dataset: {
        label: args.dataset ?? (custom ? 'custom' : 'demo'),
        source: args['database-url']
          ? 'an existing database (`--database-url`)'
          : args['data-dir']
            ? `the embedded data directory \`${args['data-dir']}\`, database \`${args.database}\``
            : `a fresh demo region (seed ${20250901}, scale 1)${database.seededInSeconds ? `, seeded in ${database.seededInSeconds.toFixed(0)} s` : ''}`,
        sizes,
        notes: [
          'The bench plants three guardians of its own (1, 2 and 5 children, oids 9100000001/02/05; `tools/bench/src/accounts.ts`) ' +
            'in the database it runs on; the other operations use the demo logins `guardian`, `teacher`, `coordinator`, `analyst`.',
          `The analytics facts were brought up to date once before measuring (\`refreshFacts\`: filled whole where they never were, else caught up from the changes since their watermark): ${factsSeconds.toFixed(1)} s; ` +
            'reports read them as they do in a running platform, where the `analytics-facts` worker keeps them fresh.',
        ],
      },
      settings,
      elapsedMinutes: (performance.now() - startedAt) / 60_000,
      statementMethod: counter.method,
      loadAverage: { before: loadBefore, after: loadavg() },
      operations: reports,
    };
    // The run's figures, kept so that a change of the report's layout can be rendered from them
    // (`--render <json>`) without measuring again.
    await mkdir(`${ROOT}.data/bench`, { recursive: true });
    await writeFile(`${ROOT}.data/bench/last-run.json`, JSON.stringify(input, null, 2));
    await writeFile(`${ROOT}.data/bench/last-run-${input.dataset.label}.json`, JSON.stringify(input, null, 2));
    await writeReport(input);
  } catch (error) {
    console.error(error);
    if (platform) console.error(platform.recentOutput().join('\n'));
    process.exitCode = 1;
  } finally {
    await counter?.close();
    await platform?.stop();
    await database.close();
  }
}

if (args.render) await render(args.render);
else await main();
