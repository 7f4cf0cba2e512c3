/**
 * Gateway CPU per request for the guardian's `me` (issue 13 §4: ≤ 1 ms). Starts a throwaway embedded
 * PostgreSQL with the demo region, dev ESIA and every subgraph of the registry in this process, and the
 * gateway in a child process of its own (`gateway-process.ts`); then sends the web client's `Me` operation
 * as the demo guardian and reads the child's `process.cpuUsage()` before and after each round.
 *
 *   npm run bench:me -w @region/gateway -- [--requests 500] [--rounds 5] [--concurrency 10] [--login guardian]
 *
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the gateway process there. The figure is CPU time,
 * not wall time, so it holds on a busy machine better than latency does; compare runs on one machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
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
    const child = fork(join(import.meta.dirname, 'gateway-process.ts'), {
      execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
      env: {
        ...process.env,
        APOLLO_TELEMETRY_DISABLED: 'true',
        BENCH_GATEWAY: JSON.stringify({
          subgraphUrls,
          esia: {
            issuer: ESIA_ISSUER,
            audience: ESIA_AUDIENCE,
            jwksUrl: `${esiaUrl}/.well-known/jwks.json`,
            apiUrl: esiaUrl,
          },
          internalPrivateJwk: keys.privateJwk,
        }),
      },
    });
    cleanups.unshift(async () => {
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
    });
    const gatewayUrl = `http://127.0.0.1:${await ask<number>(child, '', 'port')}/graphql`;

    const token = await esia.issueToken(args.login);
    const body = JSON.stringify({ query: ME, operationName: 'Me' });
    const send = async () => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const answer = (await response.json()) as { data?: { me?: unknown }; errors?: unknown[] };
      if (!answer.data?.me || answer.errors) throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
    };
    const run = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < count) await send();
        }),
      );
    };

    log(`warming up (${args.warmup} requests)…`);
    await run(Number(args.warmup));
    const perRequest: number[] = [];
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const before = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
      const started = performance.now();
      await run(requests);
      const elapsed = performance.now() - started;
      const after = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
      const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
      perRequest.push(cpuMs / requests);
      rates.push((requests / elapsed) * 1000);
      log(
        `round ${round + 1}: ${(cpuMs / requests).toFixed(3)} ms gateway CPU per request, ${rates.at(-1)!.toFixed(0)} req/s`,
      );
    }
    const sorted = [...perRequest].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      JSON.stringify({
        operation: 'Me',
        login: args.login,
        requests,
        rounds,
        concurrency,
        gatewayCpuMsPerRequest: { median: Number(median.toFixed(3)), min: Number(sorted[0]!.toFixed(3)) },
        requestsPerSecond: Number((rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(0)),
      }),
    );
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  }
}

await main();
process.exit(0);
