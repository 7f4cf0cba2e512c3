/**
 * Prometheus metrics (issue 10 §4): one registry per service (the test platform runs several services in
 * one process), served as text at `/metrics`. Labels stay bounded: an operation is labelled by its name
 * only when it has one, and only the first `MAX_OPERATION_NAMES` names a process sees get their own series
 * (a client inventing names cannot grow the series without bound); the rest are `other`.
 */
import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { observeStatements, type Database } from '@region/db';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { sql as drizzleSql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger.ts';
import { tracer } from './tracing.ts';

export const MAX_OPERATION_NAMES = 200;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** The query planner names a subgraph's operation `<client operation>__<subgraph>__<n>`. */
const PLANNED_SUFFIX = /__[a-z][a-z0-9_-]*__\d+$/;
/** Seconds; requests of this platform take milliseconds to a few seconds (the cost limits bound them). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

export interface ServiceMetrics {
  registry: Registry;
  /** The bounded label value for an operation name (null/undefined: an anonymous operation). */
  operationLabel(name: string | null | undefined): string;
  requests: Histogram<'operation'>;
  errors: Counter<'operation' | 'code'>;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const known = new Set<string>();
  return {
    registry,
    operationLabel(name) {
      if (!name) return 'anonymous';
      const operation = name.replace(PLANNED_SUFFIX, '');
      if (!GRAPHQL_NAME.test(operation)) return 'other';
      if (known.has(operation)) return operation;
      if (known.size >= MAX_OPERATION_NAMES) return 'other';
      known.add(operation);
      return operation;
    },
    requests: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL requests by operation name: latency, and count (_count).',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL answers by operation and error code.',
      labelNames: ['operation', 'code'],
      registers: [registry],
    }),
  };
}

/** Codes come from the platform's vocabulary and Apollo's; anything else (a bug) is counted as `OTHER`. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/**
 * Counts each request by operation (latency, errors by code) and logs one line per request — the access
 * log, which carries the request id like every line (`logger.ts`).
 */
export function requestObserver<C extends BaseContext>(
  metrics: ServiceMetrics,
  logger: Logger,
  component: string,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = metrics.operationLabel(operationName);
          // The errors as the client got them (after formatError: masked, or SUBGRAPH_UNAVAILABLE), parse and
          // validation refusals included.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => {
            const code = error.extensions?.['code'];
            return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER';
          });
          metrics.requests.observe({ operation }, seconds);
          for (const code of codes) metrics.errors.inc({ operation, code });
          logger.info(
            { component, operation: operationName ?? null, durationMs: Math.round(seconds * 1000), errors: codes },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * A span and a latency observation per SQL statement, and the statements in flight (waiting for or
 * holding a pooled connection). The span records the parameterized text only, never the values.
 */
export function observeDatabase(db: Database, metrics: ServiceMetrics): void {
  const statements = new Histogram({
    name: 'db_statement_duration_seconds',
    help: 'SQL statements of this process: latency from hand-over to the pool until settled, and count (_count).',
    labelNames: ['outcome'],
    buckets: STATEMENT_BUCKETS,
    registers: [metrics.registry],
  });
  const inFlight = new Gauge({
    name: 'db_statements_in_flight',
    help: 'SQL statements handed to the pool and not settled yet (waiting for a connection or running).',
    registers: [metrics.registry],
  });
  // Sessions of this service's database role on its database (every replica shares the role), by state:
  // connections in use (active — this scrape's own among them —, idle in transaction) and idle. The
  // `postgres` driver does not expose its pool's state.
  sampledGauge(
    metrics,
    {
      name: 'db_role_connections',
      help: 'PostgreSQL sessions of the service role by state (pg_stat_activity), sampled on scrape.',
      labelNames: ['state'] as const,
    },
    async () => {
      const rows = await db.execute<{ state: string; count: number }>(
        drizzleSql`select coalesce(state, 'unknown') as state, count(*)::int as count
                   from pg_stat_activity where usename = current_user and datname = current_database() group by 1`,
      );
      return [...rows].map((row) => ({ labels: { state: row.state }, value: row.count }));
    },
  );
  // drizzle keeps the driver's client on the handle; its type leaves it out.
  const client = (db as Database & { $client?: Parameters<typeof observeStatements>[0] }).$client;
  if (!client) return;
  observeStatements(client, (query) => {
    const span = tracer.startSpan(query.split(/\s+/, 1)[0]?.toLowerCase() ?? 'sql', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': query },
    });
    const stop = statements.startTimer();
    inFlight.inc();
    return (error) => {
      inFlight.dec();
      stop({ outcome: error ? 'error' : 'ok' });
      if (error) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
  });
}

let metricsToken: Buffer | null = null;

/** `METRICS_TOKEN`: when set, `/metrics` answers any caller that presents it as a bearer token. */
export function configureMetricsToken(token: string | undefined): void {
  metricsToken = token ? Buffer.from(token) : null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `/metrics` shows operation names, rates and the outbox backlog — no personal data, but nothing a public
 * caller needs. It answers a caller from the same machine (a sidecar, `curl localhost`), or one presenting
 * `METRICS_TOKEN` (Prometheus scraping a replica across the network); anybody else gets 403.
 */
export function metricsAllowed(request: IncomingMessage): boolean {
  const header = request.headers.authorization ?? '';
  if (metricsToken && header.startsWith('Bearer ')) {
    const presented = Buffer.from(header.slice('Bearer '.length).trim());
    if (presented.length === metricsToken.length && timingSafeEqual(presented, metricsToken)) return true;
  }
  // Behind a proxy the socket's address is the proxy's; the proxy must not route /metrics (docs/operations.md).
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}

export async function serveMetrics(
  registry: Registry,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!metricsAllowed(request)) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
    return;
  }
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType }).end(body);
}

/** A scrape does not wait longer than this for a sampled gauge (Prometheus' own timeout is 10 s). */
const SAMPLE_TIMEOUT_MS = 2_000;

/**
 * A gauge read from the database when Prometheus scrapes (one cheap statement per scrape, not per
 * request): `sample` returns the current value of each label set. While the database is down or slow the
 * gauge has no series and the rest of `/metrics` still answers — the outage must stay visible.
 */
export function sampledGauge<L extends string>(
  metrics: ServiceMetrics,
  definition: { name: string; help: string; labelNames: readonly L[] },
  sample: () => Promise<{ labels: Record<L, string>; value: number }[]>,
): void {
  new Gauge<L>({
    ...definition,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const timer = new AbortController();
      try {
        const values = await Promise.race([
          sample(),
          sleep(SAMPLE_TIMEOUT_MS, undefined, { signal: timer.signal }).then(() => {
            throw new Error(`${definition.name} not sampled within ${SAMPLE_TIMEOUT_MS} ms`);
          }),
        ]);
        for (const { labels, value } of values) this.set(labels as Partial<Record<L, string>>, value);
      } catch {
        // No series this scrape; `/health` and SERVICE_UNAVAILABLE errors tell why.
      } finally {
        timer.abort();
      }
    },
  });
}
