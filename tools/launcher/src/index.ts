/**
 * `npm start`: the whole platform on one machine with nothing but Node.js — embedded PostgreSQL,
 * migrations, the demo region when the database is empty, every service as its own process, health
 * checks, then the URLs and the demo logins. A service that crashes, or PostgreSQL itself, is started again
 * with backoff (1 s doubling to 30 s, from 1 s again after a stable minute); only Ctrl-C or SIGTERM stops
 * everything.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createDb, migrateDatabase, urlForDatabase, urlForRole } from '@region/db';
import { startEmbeddedPostgres, type EmbeddedCluster } from '@region/db/embedded';
import { isDatabaseEmpty, registerDemoServices, seedDemoRegion } from '@region/db/demo/seed';
import { generateInternalKeyPair } from '@region/kit';
import { SUBGRAPHS, workerProcessName } from '@region/schema';
import { buildWebClient } from '@region/web/build';
import {
  restarter,
  startService,
  stopService,
  superviseService,
  waitHealthy,
  type RunningService,
  type ServiceSpec,
  type SupervisedService,
} from './processes.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PG_PORT = Number(process.env['PG_PORT'] ?? 54329);
const DATABASE = 'region';
const ROLE_PASSWORD = process.env['DB_ROLE_PASSWORD'] ?? 'region-dev';
const DEMO_SEED = 20250901;
const PORTS = { gateway: 4000, esia: 4010, smtp: 2525 };

async function ensureDatabase(serverUrl: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${DATABASE}`;
    if (!exists) await admin.unsafe(`create database "${DATABASE}"`);
  } finally {
    await admin.end();
  }
  return urlForDatabase(serverUrl, DATABASE);
}

async function main(): Promise<void> {
  let cluster: EmbeddedCluster | undefined;
  let serverUrl = process.env['DATABASE_URL'];
  // The subgraphs survive a database restart (they answer SERVICE_UNAVAILABLE meanwhile), so a PostgreSQL
  // that died is started again on the same data rather than taking the platform down.
  const startPostgres = async () => {
    cluster = await startEmbeddedPostgres({ dataDir: `${ROOT}.data/pg`, port: PG_PORT, persistent: true });
    cluster.onUnexpectedExit((code, signal) => postgresRestarts.exited(`exited (${signal ?? `code ${code}`})`));
  };
  const postgresRestarts = restarter({ name: 'PostgreSQL', start: startPostgres, log: (line) => console.error(line) });
  if (!serverUrl) {
    console.log(`Starting embedded PostgreSQL on port ${PG_PORT} (data in .data/pg)…`);
    await startPostgres();
    serverUrl = cluster!.url;
  }
  const starting: RunningService[] = [];
  const supervised: SupervisedService[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    postgresRestarts.cancel();
    await Promise.all([
      ...supervised.reverse().map((service) => service.stop()),
      ...starting.map((service) => stopService(service)),
    ]);
    await cluster?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));

  try {
    const databaseUrl = await ensureDatabase(serverUrl);
    console.log('Applying migrations…');
    await migrateDatabase(databaseUrl, ROLE_PASSWORD);
    const seeding = createDb(databaseUrl, { max: 1 });
    try {
      if (await isDatabaseEmpty(seeding.db)) {
        console.log('Empty database: seeding the demo region…');
        await seedDemoRegion(seeding.db, { seed: DEMO_SEED, scale: 1 });
      } else {
        const added = await seeding.db.transaction((tx) => registerDemoServices(tx));
        if (added.length) console.log(`Demo external systems added: ${added.join(', ')}.`);
      }
    } finally {
      await seeding.close();
    }

    console.log('Building the web client…');
    const webDist = await buildWebClient();

    const keys = await generateInternalKeyPair();
    const cursorSecret = randomBytes(32).toString('base64url');
    const esiaUrl = `http://localhost:${PORTS.esia}`;
    const common = { NODE_ENV: 'development', INTERNAL_TOKEN_PUBLIC_JWKS: JSON.stringify({ keys: [keys.publicJwk] }) };
    const specs: ServiceSpec[] = [
      {
        name: 'dev-esia',
        entry: 'tools/dev-esia/src/index.ts',
        env: {
          ...common,
          DEV_ESIA_PORT: String(PORTS.esia),
          DEV_ESIA_ISSUER: esiaUrl,
          // dev ESIA also stands in for the SMTP relay: letters show at /dev/mailbox.
          DEV_SMTP_PORT: String(PORTS.smtp),
        },
        healthUrl: `${esiaUrl}/health`,
      },
      // Every subgraph of the registry (issue 10 §2), in its order: people first, which others ask.
      ...SUBGRAPHS.map(({ name, port, main, database, envPrefix, workers }) => ({
        name,
        entry: main,
        env: {
          ...common,
          [`${envPrefix}_PORT`]: String(port),
          // A fresh secret per start: cursors are per session of the platform, like the internal keys.
          CURSOR_SECRET: cursorSecret,
          [`${envPrefix}_DATABASE_URL`]: urlForRole(databaseUrl, database.role, ROLE_PASSWORD),
          // A subgraph with worker processes (below) leaves its outbox to them, as in production
          // (docs/deploy.md).
          ...(workers?.length ? { OUTBOX_WORKERS: 'off' } : {}),
        },
        healthUrl: `http://127.0.0.1:${port}/health`,
      })),
      // Every worker process kind of the registry's subgraphs (the admissions outbox), with one generic env.
      ...SUBGRAPHS.flatMap((entry) =>
        (entry.workers ?? []).map((worker) => ({
          name: workerProcessName(entry, worker),
          entry: worker.main,
          env: {
            NODE_ENV: 'development',
            [`${entry.envPrefix}_DATABASE_URL`]: urlForRole(databaseUrl, entry.database.role, ROLE_PASSWORD),
            WORKER_PORT: String(worker.port),
            // dev ESIA stands in for ЕПГУ's status endpoint and the service accounts' token endpoint.
            EPGU_URL: `${esiaUrl}/epgu/status`,
            GATEWAY_URL: `http://127.0.0.1:${PORTS.gateway}/graphql`,
            SERVICE_TOKEN_URL: `${esiaUrl}/dev/service-token`,
            // dev ESIA stands in for «Моя школа»'s receiver too (learning-mart, issue 14 §3).
            MART_URL: `${esiaUrl}/moya-shkola/batches`,
            MART_TOKEN: 'dev-moya-shkola-token',
            MART_PSEUDONYM_KEY: 'dev-moya-shkola-pseudonym-key-not-secret',
            // people-mail sends notifications' e-mail copies to dev ESIA's stand-in relay.
            SMTP_HOST: '127.0.0.1',
            SMTP_PORT: String(PORTS.smtp),
          },
          healthUrl: `http://127.0.0.1:${worker.port}/health`,
        })),
      ),
      {
        name: 'gateway',
        entry: 'gateway/src/index.ts',
        env: {
          ...common,
          GATEWAY_PORT: String(PORTS.gateway),
          ESIA_ISSUER: esiaUrl,
          ESIA_JWKS_URL: `${esiaUrl}/.well-known/jwks.json`,
          ESIA_AUDIENCE: 'region-edu-platform',
          ESIA_API_URL: esiaUrl,
          APOLLO_TELEMETRY_DISABLED: 'true',
          INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(keys.privateJwk),
          ...Object.fromEntries(SUBGRAPHS.map((entry) => [entry.urlEnv, `http://127.0.0.1:${entry.port}/graphql`])),
          WEB_DIST: webDist,
        },
        healthUrl: `http://127.0.0.1:${PORTS.gateway}/health`,
      },
    ];
    // A service that cannot start at all is a configuration error and stops the launcher; once healthy, a
    // crash restarts it.
    for (const spec of specs) {
      const service = startService(spec, ROOT);
      starting.push(service);
      await waitHealthy(service);
      starting.splice(starting.indexOf(service), 1);
      supervised.push(superviseService(service, ROOT, { log: (line) => console.error(line) }));
    }
    await printWelcome(esiaUrl);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

async function printWelcome(esiaUrl: string): Promise<void> {
  const users = (await (await fetch(`${esiaUrl}/dev/users`)).json()) as {
    login: string;
    roles: string[];
    note: string;
  }[];
  console.log(`
The platform is running.
  Web client        http://localhost:${PORTS.gateway}/
  GraphQL gateway   http://localhost:${PORTS.gateway}/graphql
  Dev ESIA          ${esiaUrl}  (login page: ${esiaUrl}/login?redirect_uri=http://localhost:${PORTS.gateway}/)
  Dev mailbox       ${esiaUrl}/dev/mailbox  (e-mail the platform sent, SMTP 127.0.0.1:${PORTS.smtp})

Demo logins (token: curl -s -XPOST ${esiaUrl}/dev/token -H 'content-type: application/json' -d '{"login":"guardian"}'):
${users.map((user) => `  ${user.login.padEnd(16)} ${user.roles.join(', ').padEnd(32)} ${user.note}`).join('\n')}

Ctrl-C stops everything.`);
}

void main();
