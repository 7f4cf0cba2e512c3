/**
 * Gateway CPU per request for the guardian's `me` (issue 13 §4: ≤ 1 ms). Starts a throwaway embedded
 * PostgreSQL with the demo region, dev ESIA and every subgraph of the registry in this process, and the
 * gateway in a child process of its own (`gateway-process.ts`); then sends the web client's `Me` operation
 * as the demo guardian and reads the child's `process.cpuUsage()` before and after each round.
 *
 *   npm run bench:me -w @region/gateway -- [--requests 500] [--rounds 5] [--concurrency 10] [--login guardian]
 *                                          [--compare <git ref>]
 *
 * `--compare main` runs the gateway of that ref beside the working tree's, over the same subgraphs, in
 * alternating rounds: CPU time on a shared machine drifts with its load, the ratio of the two much less.
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of each gateway's measured rounds there. The figure is CPU time,
 * not wall time, so it holds on a busy machine better than latency does; compare runs on one machine.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, migrateDatabase, urlForDatabase, urlForRole } from '@region/db';
import { seedDemoRegion } from '@region/db/demo/seed';
import { startEmbeddedPostgres } from '@region/db/embedded';
import { createDevEsia } from '@region/dev-esia';
import { generateSigningKeys } from '@region/dev-esia/keys';
import {
  closeServer,
  configureCursorSecret,
  createLogger,
  generateInternalKeyPair,
  internalTokenVerifier,
  listen,
  type SubgraphDefinition,
  type SubgraphDeps,
} from '@region/kit';
import { SUBGRAPHS } from '@region/schema';

/** The web client's `Me` (`clients/web/src/me.tsx`): what every cabinet asks first. */
const ME = /* GraphQL */ `
  query Me {
    me {
      person {
        id
        fullName
        lastName
        firstName
        middleName
      }
      grants {
        role
        territory
        classId
        municipality {
          id
          name
        }
        organization {
          id
          shortName
          type
        }
        children {
          id
          fullName
        }
      }
      consentRequests {
        id
      }
      dataTransferConsentRequired
    }
  }
`;
const ESIA_ISSUER = 'https://esia.bench/';
const ESIA_AUDIENCE = 'region-edu-platform';
const ROLE_PASSWORD = 'region-bench';
const DEMO_SEED = 20250901;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '300' },
    login: { type: 'string', default: 'guardian' },
    compare: { type: 'string' },
  },
});
const requests = Number(args.requests);
const rounds = Number(args.rounds);
const concurrency = Number(args.concurrency);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The gateway's sources at `ref` (`git archive`), unpacked inside this package so that they resolve the same
 * node_modules: the other side of `--compare`.
 */
function extractGateway(ref: string): string {
  const target = join(import.meta.dirname, '.compare', ref.replaceAll(/[^\w.-]/g, '_'));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const archive = execFileSync('git', ['-C', root, 'archive', ref, 'gateway/src']);
  execFileSync('tar', ['-x', '-C', target, '--strip-components=1'], { input: archive });
  return join(target, 'src', 'app.ts');
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: Record<string, unknown>) => {
      if (!(key in reply)) return;
      child.off('message', listener);
      resolve(reply[key] as T);
    };
    child.on('message', listener);
    if (message) child.send(message);
  });
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dataDir = await mkdtemp(join(tmpdir(), 'region-bench-pg-'));
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, fast: true });
  const cleanups: (() => Promise<unknown>)[] = [
    async () => cluster.stop(),
    () => rm(dataDir, { recursive: true, force: true }),
  ];
  try {
    log('migrating and seeding the demo region…');
    const server = createDb(cluster.url, { max: 1 });
    await server.sql.unsafe('create database region_bench');
    await server.close();
    const adminUrl = urlForDatabase(cluster.url, 'region_bench');
    await migrateDatabase(adminUrl, ROLE_PASSWORD);
    const seeding = createDb(adminUrl, { max: 1 });
    await seedDemoRegion(seeding.db, { seed: DEMO_SEED, scale: 1 });
    await seeding.close();

    const logger = createLogger('bench', 'silent');
    const servers: Server[] = [];
    cleanups.unshift(() => Promise.all(servers.map(closeServer)));
    const serve = async (server: Server) => {
      servers.push(server);
      return `http://127.0.0.1:${await listen(server, 0)}`;
    };
    const esia = createDevEsia({
      issuer: ESIA_ISSUER,
      audience: ESIA_AUDIENCE,
      publicUrl: ESIA_ISSUER,
      ttlSeconds: 3600,
      keys: await generateSigningKeys(),
    });
    const esiaUrl = await serve(esia.server);
    const keys = await generateInternalKeyPair();
    configureCursorSecret(randomBytes(32).toString('base64url'));
    const verifyInternalToken = await internalTokenVerifier({ keys: [keys.publicJwk] });
    const subgraphUrls: Record<string, string> = {};
    for (const entry of SUBGRAPHS) {
      const definition = (
        (await import(entry.app)) as { default: SubgraphDefinition<SubgraphDeps & { peopleUrl: string | undefined }> }
      ).default;
      const handle = createDb(urlForRole(adminUrl, entry.database.role, ROLE_PASSWORD));
      cleanups.unshift(handle.close);
      const subgraph = await definition.create({
        db: handle.db,
        logger,
        verifyInternalToken,
        now: () => new Date(),
        peopleUrl: subgraphUrls['people'],
      });
      cleanups.unshift(subgraph.stop);
      subgraphUrls[entry.name] = `${await serve(subgraph.server)}/graphql`;
    }

    const profileDir = process.env['BENCH_CPU_PROF'];
    const config = JSON.stringify({
      subgraphUrls,
      esia: {
        issuer: ESIA_ISSUER,
        audience: ESIA_AUDIENCE,
        jwksUrl: `${esiaUrl}/.well-known/jwks.json`,
        apiUrl: esiaUrl,
      },
      internalPrivateJwk: keys.privateJwk,
    });
    const startGateway = async (label: string, app: string) => {
      const child = fork(join(import.meta.dirname, 'gateway-process.ts'), {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', BENCH_GATEWAY: config, BENCH_GATEWAY_APP: app },
      });
      cleanups.unshift(async () => {
        child.send('stop');
        await new Promise((resolve) => child.once('exit', resolve));
      });
      const url = `http://127.0.0.1:${await ask<number>(child, '', 'port')}/graphql`;
      return { label, child, url, perRequest: [] as number[], rates: [] as number[] };
    };
    const gateways = [await startGateway('current', join(import.meta.dirname, '../src/app.ts'))];
    if (args.compare) gateways.unshift(await startGateway(args.compare, extractGateway(args.compare)));

    const token = await esia.issueToken(args.login);
    const body = JSON.stringify({ query: ME, operationName: 'Me' });
    const send = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const answer = (await response.json()) as { data?: { me?: unknown }; errors?: unknown[] };
      if (!answer.data?.me || answer.errors) throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
    };
    const run = async (url: string, count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < count) await send(url);
        }),
      );
    };

    log(`warming up (${args.warmup} requests each)…`);
    for (const gateway of gateways) await run(gateway.url, Number(args.warmup));
    if (profileDir) for (const gateway of gateways) await ask(gateway.child, 'profile-start', 'profiling');
    // Alternating rounds: whatever else the machine does meanwhile weighs on both alike.
    for (let round = 0; round < rounds; round++) {
      for (const gateway of gateways) {
        const before = await ask<NodeJS.CpuUsage>(gateway.child, 'cpu', 'cpu');
        const started = performance.now();
        await run(gateway.url, requests);
        const elapsed = performance.now() - started;
        const after = await ask<NodeJS.CpuUsage>(gateway.child, 'cpu', 'cpu');
        const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
        gateway.perRequest.push(cpuMs / requests);
        gateway.rates.push((requests / elapsed) * 1000);
        log(
          `round ${round + 1} ${gateway.label}: ${(cpuMs / requests).toFixed(3)} ms gateway CPU per request, ` +
            `${gateway.rates.at(-1)!.toFixed(0)} req/s`,
        );
      }
    }
    if (profileDir) {
      for (const gateway of gateways) {
        const profileTo = join(profileDir, `gateway-${gateway.label.replaceAll(/[^\w.-]/g, '_')}.cpuprofile`);
        gateway.child.send({ profileTo });
        await ask(gateway.child, '', 'profiled');
        log(`profile: ${profileTo}`);
      }
    }
    const summary = gateways.map((gateway) => {
      const sorted = [...gateway.perRequest].sort((a, b) => a - b);
      return {
        gateway: gateway.label,
        cpuMsPerRequest: {
          median: Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(3)),
          min: Number(sorted[0]!.toFixed(3)),
        },
        requestsPerSecond: Number((gateway.rates.reduce((a, b) => a + b, 0) / gateway.rates.length).toFixed(0)),
      };
    });
    console.log(JSON.stringify({ operation: 'Me', login: args.login, requests, rounds, concurrency, summary }));
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  }
}

await main();
process.exit(0);
