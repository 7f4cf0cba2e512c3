/**
 * The `main()` every subgraph process runs: read its env once, open its pool with its own role, build the
 * subgraph, listen, and close everything on SIGINT/SIGTERM. A database outage does not end the process.
 */
import { createDb, type Database } from '@region/db';
import { z } from 'zod';
import { keepServingOnConnectionLoss } from './database-faults.ts';

import { configureCursorSecret } from './connection.ts';
import { configureExportLinkSecret } from './export-links.ts';
import { parseEnv, port } from './env.ts';
import { internalTokenVerifier, type InternalTokenVerifier } from './internal-token.ts';
import { createLogger, type Logger } from './logger.ts';
import { checkKitEnv } from './production.ts';
import { configureRegionTimeZone, DEFAULT_REGION_TIME_ZONE, isTimeZone } from './region-time.ts';
import { configureMetricsToken } from './metrics.ts';
import { runService } from './service.ts';
import { startTracing } from './tracing.ts';
import type { Subgraph } from './subgraph.ts';

export interface SubgraphDeps {
  db: Database;
  verifyInternalToken: InternalTokenVerifier;
  logger: Logger;
  now?: () => Date;
}

/** The observability settings every service process reads (issue 10 §4, docs/operations.md). */
export const observabilityEnv = {
  /** An OTLP/HTTP collector (`http://collector:4318`): traces are exported there; unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** A bearer token that lets a scraper from another machine read `/metrics` (loopback needs none). */
  METRICS_TOKEN: z.string().min(16).optional(),
};

/** `name` prefixes the env: PEOPLE_PORT, PEOPLE_DATABASE_URL… */
export function subgraphMain(
  name: string,
  defaultPort: number,
  create: (deps: SubgraphDeps) => Promise<Subgraph>,
): void {
  const prefix = name.toUpperCase().replaceAll('-', '_');
  const run = async () => {
    const env = parseEnv({
      [`${prefix}_PORT`]: port(defaultPort),
      /** The subgraph's own role: it can write only its own schema. */
      [`${prefix}_DATABASE_URL`]: z.string().url(),
      /**
       * The gateways' Ed25519 public keys that sign internal tokens: a JWKS (`{"keys":[…]}`), several during a
       * key rotation (docs/deploy.md). `INTERNAL_TOKEN_PUBLIC_JWK`, one key, is still read when this is unset.
       */
      INTERNAL_TOKEN_PUBLIC_JWKS: z.string().min(10).optional(),
      INTERNAL_TOKEN_PUBLIC_JWK: z.string().min(10).optional(),
      /** The address to listen on: `0.0.0.0` in a container, loopback by default. */
      LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
      /** `production` refuses `CLOCK_NOW`. */
      NODE_ENV: z.string().optional(),
      /** Seals connection cursors (`connection.ts`); the same value for every replica of the service. */
      CURSOR_SECRET: z.string().min(32),
      /** A fixed clock for demos (ISO date-time). */
      CLOCK_NOW: z.string().datetime({ offset: true }).optional(),
      /** The region's IANA time zone: every legal date is a date there (DOMAIN.md, Times). */
      REGION_TIME_ZONE: z.string().refine(isTimeZone, 'unknown IANA time zone').default(DEFAULT_REGION_TIME_ZONE),
    });
    const checked = checkKitEnv(env as Parameters<typeof checkKitEnv>[0]);
    const observability = parseEnv(observabilityEnv);
    const tracing = startTracing({ service: name, endpoint: observability.OTEL_EXPORTER_OTLP_ENDPOINT });
    configureMetricsToken(observability.METRICS_TOKEN);
    configureRegionTimeZone(String(env['REGION_TIME_ZONE']));
    configureCursorSecret(String(env['CURSOR_SECRET']));
    configureExportLinkSecret(String(env['CURSOR_SECRET']));
    const logger = createLogger(name);
    keepServingOnConnectionLoss(logger);
    const { db, close } = createDb(String(env[`${prefix}_DATABASE_URL`]));
    const fixed = env['CLOCK_NOW'] ? new Date(String(env['CLOCK_NOW'])) : null;
    const subgraph = await create({
      db,
      logger,
      verifyInternalToken: await internalTokenVerifier(checked.internalJwks),
      now: fixed ? () => fixed : undefined,
    });
    await runService({
      name,
      server: subgraph.server,
      port: Number(env[`${prefix}_PORT`]),
      host: String(env['LISTEN_HOST']),
      logger,
      onShutdown: async () => {
        await subgraph.stop();
        await close();
        await tracing?.shutdown();
      },
    });
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
