/**
 * The platform as `npm start` runs it — every subgraph of the registry and the gateway as its own Node process
 * (the launcher's `startService`), so each has a pid whose CPU the bench reads — plus the stock gateway, and a
 * dev ESIA inside the bench's own process (it only serves the JWKS; the bench signs the tokens).
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { urlForRole } from '@region/db';
import { createDevEsia } from '@region/dev-esia';
import { generateSigningKeys } from '@region/dev-esia/keys';
import { signAccessToken } from '@region/dev-esia/tokens';
import type { DemoAccount } from '@region/db/demo/accounts';
import { generateInternalKeyPair, internalTokenSigner, type InternalTokenSigner } from '@region/kit';
import {
  startService,
  stopService,
  waitHealthy,
  type RunningService,
  type ServiceSpec,
} from '@region/launcher/processes';
import { SUBGRAPHS } from '@region/schema';
import { freePort } from './ports.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ESIA_AUDIENCE = 'region-edu-platform';
const TOKEN_TTL_SECONDS = 6 * 3600;

export interface BenchPlatform {
  gatewayUrl: string;
  stockGatewayUrl: string;
  esiaUrl: string;
  subgraphUrls: Record<string, string>;
  /** Process ids: `gateway`, `stock-gateway` and each subgraph's name. */
  pids: Record<string, number>;
  /** The internal-token signer of both gateways (the bench calls subgraphs directly with it). */
  signInternal: InternalTokenSigner;
  /** An ESIA access token for a demo login or any oid. */
  token(caller: { login: string } | { oid: string }): Promise<string>;
  /** Lines the services printed last (for a failure's report). */
  recentOutput(): string[];
  stop(): Promise<void>;
}

export async function startBenchPlatform(options: {
  databaseUrl: string;
  rolePassword: string;
}): Promise<BenchPlatform> {
  const esiaKeys = await generateSigningKeys();
  const esiaPort = await freePort();
  const esiaUrl = `http://127.0.0.1:${esiaPort}`;
  const esia = createDevEsia({
    issuer: esiaUrl,
    audience: ESIA_AUDIENCE,
    publicUrl: esiaUrl,
    ttlSeconds: TOKEN_TTL_SECONDS,
    keys: esiaKeys,
  });
  await new Promise<void>((resolve) => esia.server.listen(esiaPort, '127.0.0.1', resolve));

  const keys = await generateInternalKeyPair();
  const output: string[] = [];
  const remember = (name: string) => (line: string) => {
    output.push(`[${name}] ${line}`);
    if (output.length > 200) output.shift();
  };
  const common = {
    NODE_ENV: 'development',
    // Request logs at info would put a line per request through a pipe; the bench measures the request path.
    LOG_LEVEL: 'warn',
    APOLLO_TELEMETRY_DISABLED: 'true',
    INTERNAL_TOKEN_PUBLIC_JWKS: JSON.stringify({ keys: [keys.publicJwk] }),
  };
  const cursorSecret = randomBytes(32).toString('base64url');
  const subgraphs = await Promise.all(SUBGRAPHS.map(async (entry) => ({ entry, port: await freePort() })));
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ entry, port }) => [entry.name, `http://127.0.0.1:${port}/graphql`]),
  );
  const urlEnv = Object.fromEntries(subgraphs.map(({ entry }) => [entry.urlEnv, subgraphUrls[entry.name]!]));
  const esiaEnv = {
    ESIA_ISSUER: esiaUrl,
    ESIA_JWKS_URL: `${esiaUrl}/.well-known/jwks.json`,
    ESIA_AUDIENCE,
    ESIA_API_URL: esiaUrl,
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(keys.privateJwk),
  };
  const gatewayPort = await freePort();
  const stockPort = await freePort();
  const specs: ServiceSpec[] = [
    ...subgraphs.map(({ entry, port }) => ({
      name: entry.name,
      entry: entry.main,
      env: {
        ...common,
        ...urlEnv,
        [`${entry.envPrefix}_PORT`]: String(port),
        CURSOR_SECRET: cursorSecret,
        [`${entry.envPrefix}_DATABASE_URL`]: urlForRole(options.databaseUrl, entry.database.role, options.rolePassword),
        // No outbox workers: nothing the bench runs writes to an outbox, and idle polling would add CPU.
        OUTBOX_WORKERS: 'off',
      },
      healthUrl: `http://127.0.0.1:${port}/health`,
    })),
    {
      name: 'gateway',
      entry: 'gateway/src/index.ts',
      env: {
        ...common,
        ...esiaEnv,
        ...urlEnv,
        GATEWAY_PORT: String(gatewayPort),
        // The guardian's diary + portfolio of every child in one request, with the web client's fields, is costed
        // 41,448 (5 × (7,233 + 1,058): \`Person.children\` counts 5): past a person's default 15,000. The bench
        // raises that one limit so that it can measure the request; every other operation is within the defaults.
        QUERY_LIMITS: JSON.stringify({ person: { cost: 50_000 } }),
      },
      healthUrl: `http://127.0.0.1:${gatewayPort}/health`,
    },
    {
      name: 'stock-gateway',
      entry: 'tools/bench/src/stock-gateway.ts',
      env: { ...common, ...esiaEnv, ...urlEnv, STOCK_GATEWAY_PORT: String(stockPort) },
      healthUrl: `http://127.0.0.1:${stockPort}/?query=%7B__typename%7D`,
    },
  ];
  const running: RunningService[] = [];
  const stop = async () => {
    await Promise.all(running.map((service) => stopService(service)));
    await new Promise((resolve) => closeAll(esia.server, resolve));
  };
  try {
    // One after another, as the launcher starts them: on a busy machine seven compiling at once starve each other.
    for (const spec of specs) {
      const service = startService(spec, ROOT, remember(spec.name));
      running.push(service);
      await waitHealthy(service, 300_000);
    }
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}\n${output.join('\n')}`);
  }
  const pids = Object.fromEntries(running.map((service) => [service.spec.name, service.child.pid!]));
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    stockGatewayUrl: `http://127.0.0.1:${stockPort}/`,
    esiaUrl,
    subgraphUrls,
    pids,
    signInternal: await internalTokenSigner(keys.privateJwk),
    token: (caller) =>
      'login' in caller
        ? esia.issueToken(caller.login)
        : signAccessToken(esiaKeys, { issuer: esiaUrl, audience: ESIA_AUDIENCE, ttlSeconds: TOKEN_TTL_SECONDS }, {
            oid: caller.oid,
          } as DemoAccount),
    recentOutput: () => [...output],
    stop,
  };
}

function closeAll(server: Server, done: (value: unknown) => void): void {
  server.closeAllConnections();
  server.close(done);
}
