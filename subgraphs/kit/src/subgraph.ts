/**
 * The one bootstrap every subgraph uses: builds the federated schema from its modules, refuses any request
 * without the gateway's internal token (401), masks internal errors, and exposes `/health`.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
// 2.14 (the line the gateway and composition are on, issue 10 §1) exports the type only from this module.
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Database } from '@region/db';
import { baseSdl } from '@region/schema';
import { sql } from 'drizzle-orm';
import { parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { burstLog, isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from './database-faults.ts';
import { isInputRefusedByDatabase, isPublicCode, isUniqueViolation, UNIQUE_VIOLATION_MESSAGE } from './errors.ts';
import { AppError } from './errors.ts';
import { EXPORTS_PATH, ExportLinkRefused, verifyExportLink } from './export-links.ts';
import { createHttpServer, HttpRefusal, sendJson, type HttpOptions } from './http.ts';
import type { InternalTokenVerifier } from './internal-token.ts';
import type { Logger } from './logger.ts';
import { createMetrics, observeDatabase, requestObserver, type ServiceMetrics } from './metrics.ts';
import type { Principal } from './principal.ts';
import { DateScalar, DateTimeScalar } from './scalars.ts';

const HEALTH_TIMEOUT_MS = 2_000;

export interface SubgraphModule<C> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
}

export interface SubgraphOptions<C extends BaseContext> {
  name: string;
  modules: SubgraphModule<C>[];
  verifyInternalToken: InternalTokenVerifier;
  /**
   * Per request: loaders and the principal's row scope are built here, never shared across requests.
   * `token` is the gateway's internal token of this request, for a subgraph that must ask another one on
   * the caller's behalf (admissions' search asks people for consents).
   */
  createContext: (principal: Principal, token: string) => C;
  logger: Logger;
  /** Every subgraph is healthy when its database answers. */
  db: Database;
  /** Adds the subgraph's own metrics to its `/metrics` (admissions: the outbox backlog). */
  metrics?: (metrics: ServiceMetrics) => void;
  /**
   * HTTP routes besides `/graphql` that carry their own credentials (learning's signed file URLs, issue 15
   * §2); return true when handled. They are reached only through the gateway's pass-through.
   */
  routes?: HttpOptions<C>['routes'];
  /**
   * Streamed files by name, served at `/exports/<subgraph>/<name>?t=<link>` (`export-links.ts`): each runs with
   * the principal its link carries and writes the file to the response.
   */
  exports?: Record<string, ExportHandler<C>>;
  /** The clock links are checked against (default the real one). */
  now?: () => Date;
}

/** Writes one export to the response; an `AppError` thrown before the first byte answers its code. */
export type ExportHandler<C> = (context: C, params: unknown, response: ServerResponse) => Promise<void>;

export interface Subgraph {
  server: Server;
  stop(): Promise<void>;
}

/** The base module: federation link, `@access`, scalars. */
export function baseModule<C>(): SubgraphModule<C> {
  return {
    typeDefs: parse(baseSdl()),
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar } as unknown as GraphQLResolverMap<C>,
  };
}

export async function createSubgraph<C extends BaseContext>(options: SubgraphOptions<C>): Promise<Subgraph> {
  const { logger } = options;
  // Requests, errors and latency per operation, the database's statements and sessions (issue 10 §4).
  const metrics = createMetrics(options.name);
  observeDatabase(options.db, metrics);
  options.metrics?.(metrics);
  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema([baseModule<C>(), ...options.modules]),
    // Traces would go to Apollo's cloud, which a region's children's data never should.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestObserver<C>(metrics, logger, options.name),
    ],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => {
      if (isPublicCode(formatted.extensions?.['code']) || !isDatabaseUnavailable(error))
        return maskError(formatted, error, logger);
      logUnavailable({ err: error, path: formatted.path });
      return {
        message: SERVICE_UNAVAILABLE_MESSAGE,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    },
  });
  const logUnavailable = burstLog(logger, 'database unavailable: requests answer SERVICE_UNAVAILABLE');
  await apollo.start();
  const server = createHttpServer<C>({
    apollo,
    logger,
    service: options.name,
    metrics: metrics.registry,
    routes: async (request, response) =>
      ((await options.routes?.(request, response)) ?? false) ||
      (options.exports ? serveExport(options as SubgraphOptions<C> & { exports: object }, request, response) : false),
    // Unhealthy while the database does not answer (down, restarting, or too slow to be of use).
    health: async () => {
      const timer = new AbortController();
      try {
        await Promise.race([
          options.db.execute(sql`select 1`),
          sleep(HEALTH_TIMEOUT_MS, undefined, { signal: timer.signal }).then(() => {
            throw new Error('health check timed out');
          }),
        ]);
        return true;
      } catch (error) {
        logger.debug({ err: error }, 'health check failed');
        return false;
      } finally {
        timer.abort();
      }
    },
    context: async (request) => {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!token) return unauthorized('internal token missing');
      try {
        return options.createContext(await options.verifyInternalToken(token), token);
      } catch (error) {
        logger.warn({ err: error }, 'internal token refused');
        return unauthorized('internal token invalid');
      }
    },
  });
  return {
    server,
    stop: () => apollo.stop(),
  };
}

const EXPORT_STATUS: Partial<Record<string, number>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * `/exports/<subgraph>/<name>`: reached only through the gateway (its internal token, as `/graphql`), and then
 * only with a valid link for this very export. Errors before the first byte answer JSON with the code; after
 * it, the connection is cut so a half file never looks complete.
 */
async function serveExport<C extends BaseContext>(
  options: SubgraphOptions<C> & { exports: Record<string, ExportHandler<C>> },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const prefix = `${EXPORTS_PATH}${options.name}/`;
  if (!url.pathname.startsWith(prefix) || request.method !== 'GET') return false;
  const handler = options.exports[url.pathname.slice(prefix.length)];
  if (!handler) return false;
  const refuse = (status: number, code: string, message: string) =>
    sendJson(response, status, { errors: [{ message, extensions: { code } }] });
  const header = request.headers.authorization ?? '';
  try {
    await options.verifyInternalToken(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  } catch {
    refuse(401, 'UNAUTHENTICATED', 'Unauthorized: internal token invalid.');
    return true;
  }
  let link: Awaited<ReturnType<typeof verifyExportLink>>;
  try {
    link = await verifyExportLink(url.searchParams.get('t') ?? '', {
      subgraph: options.name,
      exportName: url.pathname.slice(prefix.length),
      now: (options.now ?? (() => new Date()))(),
    });
  } catch (error) {
    if (!(error instanceof ExportLinkRefused)) throw error;
    refuse(error.status, error.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', error.message);
    return true;
  }
  try {
    await handler(options.createContext(link.principal, ''), link.params, response);
  } catch (error) {
    if (response.headersSent) {
      options.logger.error({ err: error }, 'export failed while streaming');
      response.destroy();
    } else if (error instanceof AppError && EXPORT_STATUS[error.code]) {
      refuse(EXPORT_STATUS[error.code]!, error.code, error.message);
    } else {
      options.logger.error({ err: error }, 'export failed');
      refuse(500, 'INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервера. Мы уже разбираемся.');
    }
  }
  return true;
}

/**
 * Only the gateway may call a subgraph: a request without its signed token is refused before GraphQL
 * runs, so nothing in a subgraph is reachable by going around the gateway's checks.
 */
function unauthorized(reason: string): HttpRefusal {
  return new HttpRefusal(
    401,
    { errors: [{ message: `Unauthorized: ${reason}.`, extensions: { code: 'UNAUTHENTICATED' } }] },
    { 'www-authenticate': 'Bearer' },
  );
}

export function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  if (isPublicCode(formatted.extensions?.['code'])) return formatted;
  if (isInputRefusedByDatabase(error)) {
    // Logged all the same: a value the server itself built would be a defect hiding behind the client's code.
    logger.warn({ err: error, path: formatted.path }, 'input refused by the database');
    return { message: 'Неверное значение в запросе.', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isUniqueViolation(error)) {
    logger.warn({ err: error, path: formatted.path }, 'unique violation answered as CONFLICT');
    return { message: UNIQUE_VIOLATION_MESSAGE, path: formatted.path, extensions: { code: 'CONFLICT' } };
  }
  logger.error({ err: error, path: formatted.path }, 'internal error');
  return {
    message: 'Внутренняя ошибка сервера. Мы уже разбираемся.',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** A module's SDL, read next to the module (paths resolve from `import.meta.url`, never the cwd). */
export function loadTypeDefs(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}
