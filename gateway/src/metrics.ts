/**
 * The gateway's own metrics besides the kit's per-operation ones (issue 10 §4): each subgraph fetch by
 * subgraph and outcome, and the principal cache's hits and misses (a low hit rate means every request
 * waits for people's `_resolveLogin`), and the requests refused at the door before GraphQL runs (no
 * token, a token refused, a login refused or people unavailable), which the per-operation metrics never see.
 */
import type { IncomingMessage } from 'node:http';
import { HttpRefusal, type ServiceMetrics } from '@region/kit';
import { Counter, Histogram } from 'prom-client';
import type { FetchObserver } from './subgraph-unavailable.ts';

export function gatewayMetrics(metrics: ServiceMetrics) {
  const fetches = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Fetches from the gateway to a subgraph by outcome (ok, error: GraphQL errors, unavailable): latency and count.',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  const principals = new Counter({
    name: 'gateway_principal_cache_lookups_total',
    help: 'Principal cache lookups by result (hit, miss); a miss asks people to resolve the login.',
    labelNames: ['result'],
    registers: [metrics.registry],
  });
  const refusals = new Counter({
    name: 'gateway_refused_requests_total',
    help: 'Requests refused before GraphQL ran, by HTTP status and code (UNAUTHENTICATED, CONSENT_REQUIRED…).',
    labelNames: ['status', 'code'],
    registers: [metrics.registry],
  });
  const subgraphFetch: FetchObserver = (subgraph) => {
    const stop = fetches.startTimer({ subgraph });
    return (outcome) => stop({ outcome });
  };
  return {
    subgraphFetch,
    principalCache(hit: boolean) {
      principals.inc({ result: hit ? 'hit' : 'miss' });
    },
    countRefusals<C>(context: (request: IncomingMessage) => Promise<C | HttpRefusal>) {
      return async (request: IncomingMessage): Promise<C | HttpRefusal> => {
        const result = await context(request);
        if (result instanceof HttpRefusal) refusals.inc({ status: result.status, code: refusalCode(result) });
        return result;
      };
    },
  };
}

/** The refusal's code; the set is the gateway's own (`app.ts`), so the label stays bounded. */
function refusalCode(refusal: HttpRefusal): string {
  const code = (refusal.body as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER';
}
