/**
 * The facts process (`analytics-facts`, the registry entry's worker): keeps the pre-aggregated facts fresh
 * apart from the API replicas, so scaling the API does not multiply the refreshes. It connects as
 * `analytics_svc` to the primary (it writes schema `analytics` and reads the contract).
 */
import { workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readFactsEnv } from './env.ts';
import { startFactsRefresh } from './facts/worker.ts';

const facts = registryEntry('analytics').workers?.find((worker) => worker.name === 'facts');

workerMain({
  subgraph: 'analytics',
  kind: 'facts',
  defaultPort: facts?.port ?? 4015,
  start: ({ db, logger }) => {
    const env = readFactsEnv();
    return startFactsRefresh({
      db,
      logger,
      everyMs: env.FACTS_REFRESH_MS,
      rebuildEveryMs: env.FACTS_REBUILD_MS,
      rebuildOrganizations: env.FACTS_REBUILD_ORGANIZATIONS,
    });
  },
});
