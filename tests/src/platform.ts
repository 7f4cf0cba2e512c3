/**
 * The platform for end-to-end tests: dev ESIA, every subgraph of the registry and the gateway, each on its own port
 * and talking real HTTP, over a database of the test file's own, with real ESIA-shaped JWTs.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createDb, migrateDatabase, type DbHandle, type SubgraphName } from '@region/db';
import { createDevEsia, type DevEsia } from '@region/dev-esia';
import { generateSigningKeys, type SigningKeys } from '@region/dev-esia/keys';
import { createGateway } from '@region/gateway';
import { webClient } from '@region/gateway/static';
import { inject } from 'vitest';
import {
  closeServer,
  configureCursorSecret,
  createLogger,
  DEFAULT_MAX_FILE_BYTES,
  eicarScanner,
  fileTicketSigner,
  generateInternalKeyPair,
  internalTokenSigner,
  internalTokenVerifier,
  listen,
  regionTimeZone,
  type FileStorage,
  type FileTicketSigner,
  type InternalTokenSigner,
  type Logger,
  type SubgraphDefinition,
  type SubgraphDeps,
  type VirusScanner,
} from '@region/kit';
import { SUBGRAPHS, SUPERGRAPH_PATH, type Registry } from '@region/schema';
import { composeSupergraph } from '@region/schema/compose';
import { TEST_ROLE_PASSWORD } from './constants.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const ESIA_ISSUER = 'https://esia.test/';

/** Deps every subgraph gets in the platform; a subgraph reads the ones it needs (admissions asks people). */
type PlatformSubgraphDeps = SubgraphDeps & {
  peopleUrl: string | undefined;
  piiReadLog: { flushMs?: number; batchRows?: number } | undefined;
  /** Learning's and people's file settings (`files.ts`); left out: each subgraph's defaults. */
  files?: {
    storage: FileStorage;
    scanner: VirusScanner;
    tickets: FileTicketSigner;
    maxBytes: number;
  };
};

/**
 * People's personal-data access log (issue 14 §4) writes only when the platform stops unless a test asks
 * for it: its batches run off the request path, and a flush landing inside another test's statement count
 * would make that count depend on timing.
 */
const PII_READ_LOG_AT_STOP = { flushMs: 3_600_000, batchRows: Number.MAX_SAFE_INTEGER };
export const ESIA_AUDIENCE = 'region-edu-platform';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface Platform {
  gatewayUrl: string;
  /** The web client's address (the gateway's root), served when the platform starts with `web: true`. */
  webUrl: string;
  peopleUrl: string;
  learningUrl: string;
  admissionsUrl: string;
  /** Every subgraph of the platform's registry by name. */
  subgraphUrls: Record<string, string>;
  esiaUrl: string;
  /**
   * Dev ESIA's stand-in SMTP relay (`/dev/mailbox`); not listening until a test calls
   * `mailbox.smtp.listen(0, '127.0.0.1')` (and closes it).
   */
  mailbox: DevEsia['mailbox'];
  database: TestDatabase;
  /** Superuser handle on the test database, for arranging facts and checking what was written. */
  admin: DbHandle;
  /** The dev ESIA signing keys, for crafting bad tokens (expired, wrong issuer…). */
  esiaKeys: SigningKeys;
  /** Signs internal tokens as the gateway does (for subgraph-level tests). */
  signInternal: InternalTokenSigner;
  token(login: string): Promise<string>;
  /** A client-credentials token for a demo external system (`epgu`, `mis-municipality-1`). */
  serviceToken(clientId: string): Promise<string>;
  /** Moves the platform's clock (every subgraph and dev ESIA read it). */
  setNow(moment: Date): void;
  /** The SQL statements the subgraphs ran while `run` ran. */
  recordStatements(run: () => Promise<unknown>): Promise<string[]>;
  /** The same, with their parameters (for EXPLAIN). */
  recordStatementsWithParams(run: () => Promise<unknown>): Promise<{ query: string; params: unknown[] }[]>;
  /** POST a GraphQL operation to the gateway as a demo user (login) or with a raw bearer token. */
  query<T = Record<string, unknown>>(
    as: { login: string } | { token: string } | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
  /** Stops one subgraph's HTTP server, so the gateway finds nobody listening there. */
  stopSubgraph(name: SubgraphName | (string & {})): Promise<void>;
  /** Stops the gateway as its process does on SIGTERM: in-flight requests finish first. */
  stopGateway(): Promise<void>;
}

export interface PlatformOptions {
  template?: 'empty' | 'demo';
  /** A fixed clock for the whole platform. */
  now?: Date;
  /** The gateway's principal cache; 0 makes every request see grant changes at once. */
  principalTtlMs?: number;
  /** Serve the web client (built once per run by the global setup) at the gateway's root. */
  web?: boolean;
  /** Origins besides the gateway's own allowed to call it from a browser. */
  corsOrigins?: string[];
  /** The logger of every part (default: silent unless TEST_LOG_LEVEL), for a test that counts log lines. */
  logger?: Logger;
  /** Where the gateway finds a subgraph: a test may put a stand-in in front of one (a failing proxy). */
  gatewaySubgraphUrl?: (name: SubgraphName, url: string) => string | Promise<string>;
  /**
   * The subgraphs to run (default: the platform's registry). Another registry — a test's throwaway subgraph
   * added to it — is migrated (roles, schema, grants) and composed on the fly instead of read from
   * `schema/supergraph.graphql`.
   */
  registry?: Registry;
  /**
   * SQL run as the migration owner before the registry's roles and grants: the tables of a test's throwaway
   * subgraph, standing in for the drizzle migration a real one commits in `db/migrations`.
   */
  migration?: string;
  /** The gateway's rate limit for requests without a token (default: the gateway's). */
  anonymousRateLimit?: { burst: number; perSecond: number };
  /** The gateway's query limits (default: the gateway's), for a test that sends more than a page asks. */
  limits?: Parameters<typeof createGateway>[0]['limits'];

  /** How long the gateway waits for a subgraph (default: the gateway's `DEFAULT_SUBGRAPH_TIMEOUT_MS`). */
  subgraphTimeoutMs?: number;
  /** People's personal-data access log flushes (default: only when the platform stops). */
  piiReadLog?: { flushMs?: number; batchRows?: number };
  /** The store of learning's and people's uploaded files (default: the local disk), e.g. an S3 one. */
  fileStorage?: FileStorage;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const registry = options.registry ?? SUBGRAPHS;
  const database = await createTestDatabase(options.template ?? 'demo');
  if (options.migration) {
    const owner = database.admin();
    await owner.sql.unsafe(options.migration);
  }
  if (registry !== SUBGRAPHS) await migrateDatabase(database.adminUrl, TEST_ROLE_PASSWORD, registry);
  let fixed: Date | null = options.now ?? null;
  const now = () => fixed ?? new Date();
  const logger = options.logger ?? createLogger('test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const servers: Server[] = [];
  const stops: (() => Promise<void>)[] = [];
  const serve = async (server: Server) => {
    servers.push(server);
    return `http://127.0.0.1:${await listen(server, 0)}`;
  };

  const esiaKeys = await generateSigningKeys();
  const esia = createDevEsia({
    issuer: ESIA_ISSUER,
    audience: ESIA_AUDIENCE,
    publicUrl: ESIA_ISSUER,
    ttlSeconds: 3600,
    keys: esiaKeys,
    now,
  });
  const esiaUrl = await serve(esia.server);

  const keys = await generateInternalKeyPair();
  // The subgraphs run in this process, so they share the kit's cursor key as replicas share CURSOR_SECRET.
  configureCursorSecret(randomBytes(32).toString('base64url'));
  const statements: { query: string; params: unknown[] }[] = [];
  const verifyInternalToken = await internalTokenVerifier({ keys: [keys.publicJwk] });
  const subgraphUrls: Record<string, string> = {};
  const subgraphServers = new Map<string, Server>();
  // In the registry's order; each subgraph's code is imported only here (the registry is plain data).
  for (const entry of registry) {
    const { name } = entry;
    const definition = ((await import(entry.app)) as { default: SubgraphDefinition<PlatformSubgraphDeps> }).default;
    const handle = createDb(database.roleUrl(entry), {
      onQuery: (query, params) => void statements.push({ query, params }),
    });
    stops.push(handle.close);
    // People is served first: admissions' support search asks it for consents (`people-consents.ts`).
    const subgraph = await definition.create({
      db: handle.db,
      logger,
      verifyInternalToken,
      now,
      peopleUrl: subgraphUrls['people'],
      piiReadLog: options.piiReadLog ?? PII_READ_LOG_AT_STOP,
      ...(options.fileStorage && {
        files: {
          storage: options.fileStorage,
          scanner: eicarScanner(),
          tickets: fileTicketSigner(randomBytes(32)),
          maxBytes: DEFAULT_MAX_FILE_BYTES,
        },
      }),
    });
    stops.push(subgraph.stop);
    subgraphServers.set(name, subgraph.server);
    subgraphUrls[name] = `${await serve(subgraph.server)}/graphql`;
  }

  const gatewaySubgraphUrls = { ...subgraphUrls };
  for (const name of Object.keys(gatewaySubgraphUrls) as SubgraphName[]) {
    gatewaySubgraphUrls[name] = (await options.gatewaySubgraphUrl?.(name, subgraphUrls[name]!)) ?? subgraphUrls[name]!;
  }
  const gateway = await createGateway({
    supergraphSdl: registry === SUBGRAPHS ? readFileSync(SUPERGRAPH_PATH, 'utf8') : composeSupergraph(registry),
    subgraphUrls: gatewaySubgraphUrls,
    esia: {
      issuer: ESIA_ISSUER,
      audience: ESIA_AUDIENCE,
      jwksUrl: `${esiaUrl}/.well-known/jwks.json`,
      apiUrl: esiaUrl,
    },
    internalPrivateJwk: keys.privateJwk,
    logger,
    principalTtlMs: options.principalTtlMs,
    routes: options.web
      ? webClient(inject('webDist'), { esiaLoginUrl: `${esiaUrl}/login`, regionTimeZone: regionTimeZone() })
      : undefined,
    corsOrigins: options.corsOrigins,
    anonymousRateLimit: options.anonymousRateLimit,
    limits: options.limits,

    subgraphTimeoutMs: options.subgraphTimeoutMs,
    now,
  });
  stops.push(gateway.stop);
  const gatewayUrl = `${await serve(gateway.server)}/graphql`;
  const admin = database.admin();

  const platform: Platform = {
    gatewayUrl,
    webUrl: new URL('/', gatewayUrl).href,
    peopleUrl: subgraphUrls['people'] ?? '',
    learningUrl: subgraphUrls['learning'] ?? '',
    admissionsUrl: subgraphUrls['admissions'] ?? '',
    subgraphUrls,
    esiaUrl,
    mailbox: esia.mailbox,
    database,
    admin,
    esiaKeys,
    signInternal: await internalTokenSigner(keys.privateJwk),
    token: (login) => esia.issueToken(login),
    serviceToken: (clientId) => esia.issueServiceToken(clientId),
    setNow(moment) {
      fixed = moment;
    },
    async recordStatements(run) {
      return (await platform.recordStatementsWithParams(run)).map((statement) => statement.query);
    },
    async recordStatementsWithParams(run) {
      const before = statements.length;
      await run();
      return statements.slice(before);
    },
    async query(as, query, variables) {
      const token = as === null ? null : 'token' in as ? as.token : await esia.issueToken(as.login);
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    async stopSubgraph(name) {
      await closeServer(subgraphServers.get(name)!);
    },
    stopGateway: () => gateway.stop(),
    async stop() {
      await Promise.all(servers.map(closeServer));
      for (const stop of stops.reverse()) await stop();
      await database.drop();
    },
  };
  return platform;
}
