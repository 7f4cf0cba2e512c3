/**
 * The gateway's own metrics besides the kit's per-operation ones (issue 10 §4): each subgraph fetch by
 * subgraph and outcome, and the principal cache's hits and misses (a low hit rate means every request
 * waits for people's `_resolveLogin`).
 */
import type { ServiceMetrics } from '@region/kit';
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
  const subgraphFetch: FetchObserver = (subgraph) => {
    const stop = fetches.startTimer({ subgraph });
    return (outcome) => stop({ outcome });
  };
  return {
    subgraphFetch,
    principalCache(hit: boolean) {
      principals.inc({ result: hit ? 'hit' : 'miss' });
    },
  };
}
