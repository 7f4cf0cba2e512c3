import { readFileSync } from 'node:fs';
import {
  configureExportLinkSecret,
  configureMetricsToken,
  createLogger,
  listen,
  parseJwk,
  startTracing,
} from '@region/kit';
import { SUPERGRAPH_PATH } from '@region/schema';
import { createGateway } from './app.ts';
import { readEnv, readSubgraphUrls } from './env.ts';
import { webClient } from './static.ts';

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger('gateway');
  const tracing = startTracing({ service: 'gateway', endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  configureMetricsToken(env.METRICS_TOKEN);
  if (env.EXPORT_LINK_SECRET) configureExportLinkSecret(env.EXPORT_LINK_SECRET);
  const gateway = await createGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: readSubgraphUrls(),
    esia: {
      issuer: env.ESIA_ISSUER,
      audience: env.ESIA_AUDIENCE,
      jwksUrl: env.ESIA_JWKS_URL,
      apiUrl: env.ESIA_API_URL,
    },
    internalPrivateJwk: parseJwk(env.INTERNAL_TOKEN_PRIVATE_JWK),
    logger,
    routes: env.WEB_DIST
      ? webClient(env.WEB_DIST, {
          esiaLoginUrl: env.ESIA_LOGIN_URL ?? new URL('login', `${env.ESIA_ISSUER}/`).href,
          regionTimeZone: env.REGION_TIME_ZONE,
        })
      : undefined,
    limits: env.QUERY_LIMITS,
    introspectionRoles: env.INTROSPECTION_ROLES,
    corsOrigins: env.CORS_ORIGINS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    anonymousRateLimit: { burst: env.ANONYMOUS_RATE_BURST, perSecond: env.ANONYMOUS_RATE_PER_SECOND },
    trustedProxies: env.TRUSTED_PROXIES,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    requireServiceManifest: env.REQUIRE_SERVICE_MANIFEST,
  });
  const port = await listen(gateway.server, env.GATEWAY_PORT, env.LISTEN_HOST);
  logger.info({ port }, 'gateway listening');

  // Not the kit's runService: Apollo's drain plugin owns this server's close, inside `gateway.stop()`
  // (stop accepting, let in-flight requests finish, then close), and a second close would fail.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway stopping');
    const force = setTimeout(() => process.exit(1), env.SHUTDOWN_GRACE_MS + 5_000);
    force.unref();
    await gateway.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
