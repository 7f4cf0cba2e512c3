/**
 * The gateway: verifies ESIA tokens, resolves the principal, strips the fields the principal holds no
 * scope for, plans over the committed supergraph and calls each subgraph with a signed internal token.
 */
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway } from '@apollo/gateway';
import {
  ANONYMOUS,
  HttpRefusal,
  createHttpServer,
  createMetrics,
  requestObserver,
  internalTokenSigner,
  principalScopes,
  reusingInternalTokenSigner,
  type Logger,
  type Principal,
} from '@region/kit';
import type { Role } from '@region/schema';
import type { JWK } from 'jose';
import { gatewayWithFieldScopes } from './access/index.ts';
import { cachingTokenVerifier, esiaTokenVerifier, InvalidTokenError } from './auth/esia-token.ts';
import { LoginRefused, PeopleUnavailable, principalResolver } from './auth/principal.ts';
import { corsPolicy } from './cors.ts';
import { burstLog, gatewayErrorFormatter } from './format-error.ts';
import { DEFAULT_LIMITS, type LimitKind, type QueryLimits } from './limits.ts';
import { DEFAULT_INTROSPECTION_ROLES, requestGuards } from './request-guards.ts';
import { persistedOperations, persistedOperationsAllowList } from './persisted-operations.ts';
import { gatewayMetrics } from './metrics.ts';
import { DEFAULT_ANONYMOUS_RATE_LIMIT, clientAddress, rateLimiter, type RateLimit } from './rate-limit.ts';
import { exportsPassThrough } from './exports.ts';
import { listExports } from './list-exports.ts';
import { subgraphHttp } from './subgraph-fetch.ts';
import { SubgraphDataSource, isUnavailable, outageLog } from './subgraph-unavailable.ts';
import { filePassThrough, routesInOrder } from './file-pass-through.ts';

export interface GatewayContext {
  principal: Principal;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL; overrides the URLs written in the supergraph. */
  subgraphUrls: Record<string, string>;
  esia: { issuer: string; audience: string; jwksUrl: string; apiUrl: string };
  internalPrivateJwk: JWK;
  logger: Logger;
  /** How long a resolved principal is cached per ESIA account (default 30 s). */
  principalTtlMs?: number;
  /** Extra HTTP routes (the web client). */
  routes?: Parameters<typeof createHttpServer>[0]['routes'];
  /** Query limits per principal kind (default `DEFAULT_LIMITS`). */
  limits?: Readonly<Record<LimitKind, QueryLimits>>;
  /** Roles that may introspect the schema (default: analysts and regional operators). */
  introspectionRoles?: ReadonlySet<Role>;
  /** Origins besides the gateway's own allowed to call `/graphql` from a browser. */
  corsOrigins?: readonly string[];
  /** How long `stop()` waits for in-flight requests before closing their connections (default 10 s). */
  shutdownGraceMs?: number;
  /** Requests without a token per client address (default `DEFAULT_ANONYMOUS_RATE_LIMIT`), per replica. */
  anonymousRateLimit?: RateLimit;
  /** Reverse proxies in front of the gateway that append to `X-Forwarded-For` (default 0: the socket's peer). */
  trustedProxies?: number;
  /** Refuse every operation of a service account that has no active manifest (issue 14 §1; default false). */
  requireServiceManifest?: boolean;
  /** How long a subgraph fetch may take, headers and body (default `DEFAULT_SUBGRAPH_TIMEOUT_MS`). */
  subgraphTimeoutMs?: number;
  /** The clock download links are signed and checked against (default the real one). */
  now?: () => Date;
}

export interface Gateway {
  server: Server;
  stop(): Promise<void>;
}

function refusal(status: number, code: string, message: string): HttpRefusal {
  return new HttpRefusal(
    status,
    { errors: [{ message, extensions: { code } }] },
    status === 401 ? { 'www-authenticate': 'Bearer' } : {},
  );
}

/** People cannot resolve a login now: 503, the code, the service, a Russian message (issue 9, §7). */
function unavailable(code: 'SUBGRAPH_UNAVAILABLE' | 'SERVICE_UNAVAILABLE', message: string): HttpRefusal {
  return new HttpRefusal(503, { errors: [{ message, extensions: { code, service: 'people' } }] });
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  // One token per principal reused for most of its lifetime, not one signature per subgraph fetch (issue 10).
  const sign = reusingInternalTokenSigner(await internalTokenSigner(options.internalPrivateJwk));
  // Per operation and per subgraph: requests, errors, latency; the principal cache's hits (issue 10 §4).
  const metrics = createMetrics('gateway');
  const observed = gatewayMetrics(metrics);
  const verifyEsia = cachingTokenVerifier(esiaTokenVerifier(options.esia));
  // One keep-alive pool and one timeout for every subgraph fetch, login resolution included (issue 13 §4).
  const http = subgraphHttp({ timeoutMs: options.subgraphTimeoutMs });
  const resolvePrincipal = principalResolver({
    fetch: http.fetch,
    peopleUrl: options.subgraphUrls['people'] ?? '',
    esiaApiUrl: options.esia.apiUrl,
    sign,
    ttlMs: options.principalTtlMs,
    cacheLookup: observed.principalCache,
  });

  const anonymousLimiter = rateLimiter(options.anonymousRateLimit ?? DEFAULT_ANONYMOUS_RATE_LIMIT);
  const trustedProxies = options.trustedProxies ?? 0;

  const outages = outageLog(logger);
  const peopleDatabaseDown = burstLog(logger, 'login refused: the people database is unavailable');
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource<GatewayContext>(
        name,
        outages,
        {
          url: options.subgraphUrls[name] ?? url,
          fetcher: http.fetch,
          async willSendRequest({ request, context }) {
            request.http?.headers.set('authorization', `Bearer ${await sign(context.principal)}`);
          },
        },
        observed.subgraphFetch,
      ),
  });
  const scoped = gatewayWithFieldScopes(gateway, {
    scopesOf: (requestContext) => principalScopes((requestContext.context as GatewayContext).principal),
    isAnonymous: (requestContext) => (requestContext.context as GatewayContext).principal.kind === 'ANONYMOUS',
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway: scoped,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      requestObserver<GatewayContext>(metrics, logger, 'gateway'),
      // Service accounts: only their manifest's operations, refused before anything else (issue 14 §1).
      persistedOperations<GatewayContext>(
        persistedOperationsAllowList({
          peopleUrl: options.subgraphUrls['people'] ?? '',
          sign,
          ttlMs: options.principalTtlMs,
        }),
        { requireManifest: options.requireServiceManifest ?? false },
      ),
      requestGuards<GatewayContext>({
        limits: options.limits ?? DEFAULT_LIMITS,
        introspectionRoles: options.introspectionRoles ?? DEFAULT_INTROSPECTION_ROLES,
      }),
    ],
    // Who may introspect is decided per principal (`requestGuards`), so Apollo Server must not refuse it first.
    introspection: true,
    // The process stops on its own signals (index.ts), draining through `stop()`.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: gatewayErrorFormatter(logger),
  });

  const contextOf = observed.countRefusals(async (request) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    // No credentials at all: an anonymous caller of the public catalogue (issue 11). A token that is
    // present but bad is refused below and never read as anonymous, so an expired session says so.
    if (!header) {
      const retryAfter = anonymousLimiter.take(clientAddress(request, trustedProxies));
      if (retryAfter > 0) {
        return new HttpRefusal(
          429,
          {
            errors: [
              {
                message: 'Слишком много запросов без входа с вашего адреса. Повторите через несколько секунд.',
                extensions: { code: 'RATE_LIMITED', retryAfter },
              },
            ],
          },
          { 'retry-after': String(retryAfter) },
        );
      }
      return { principal: ANONYMOUS };
    }
    if (!token) return refusal(401, 'UNAUTHENTICATED', 'Войдите через Госуслуги.');
    let identity;
    try {
      identity = await verifyEsia(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      logger.info({ reason: error.message }, 'ESIA token refused');
      return refusal(401, 'UNAUTHENTICATED', 'Сеанс недействителен или истёк. Войдите через Госуслуги снова.');
    }
    try {
      return { principal: await resolvePrincipal(identity, token) };
    } catch (error) {
      if (error instanceof LoginRefused) return refusal(403, error.code, error.message);
      if (error instanceof PeopleUnavailable && error.code === 'SERVICE_UNAVAILABLE') {
        // People logged the database failure itself; the gateway says once per burst that logins fail.
        peopleDatabaseDown('people', { service: 'people', reason: error.message });
        return unavailable(
          'SERVICE_UNAVAILABLE',
          'Вход временно недоступен: сервис «people» не может обратиться к своей базе данных. Повторите попытку позже.',
        );
      }
      if (error instanceof PeopleUnavailable || isUnavailable(error)) {
        outages.failed('people', error);
        return unavailable(
          'SUBGRAPH_UNAVAILABLE',
          'Вход временно недоступен: сервис «people» не отвечает. Повторите попытку позже.',
        );
      }
      throw error;
    }
  });
  const passExport = exportsPassThrough({ subgraphUrls: options.subgraphUrls, sign, logger });
  const exportList = listExports({ apollo: () => apollo, contextOf, logger, now: options.now ?? (() => new Date()) });
  const server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    // Downloads (issues 12, 15): lists run here, report files pass through to the subgraph that streams them;
    // homework files pass through to learning.
    routes: routesInOrder(
      exportList,
      passExport,
      // Message attachments before homework files: `/files/people/…` is people's, the rest of `/files/` learning's.
      filePassThrough(options.subgraphUrls['people'], logger, { prefix: '/files/people/', service: 'people' }),
      filePassThrough(options.subgraphUrls['learning'], logger),
      options.routes,
    ),
    service: 'gateway',
    metrics: metrics.registry,
    cors: corsPolicy(options.corsOrigins ?? []),
    context: contextOf,
  });
  // Apollo's drain: `stop()` stops accepting, lets in-flight requests finish (up to the grace period), then
  // closes the remaining connections — before, shutdown closed them at once (issue 9, §7).
  apollo.addPlugin(
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000 }),
  );
  await apollo.start();
  return {
    server,
    async stop() {
      await apollo.stop();
      await http.close();
    },
  };
}
