import { createDb } from '@region/db';
import { subgraphMain } from '@region/kit';
import { createAnalyticsSubgraph } from './app.ts';
import { readAnalyticsEnv } from './env.ts';

subgraphMain('analytics', 4005, async (deps) => {
  const env = readAnalyticsEnv();
  const replica = env.ANALYTICS_READ_DATABASE_URL ? createDb(env.ANALYTICS_READ_DATABASE_URL) : null;
  const subgraph = await createAnalyticsSubgraph({ ...deps, readDb: replica?.db, minCellSize: env.REPORT_MIN_CELL });
  return {
    server: subgraph.server,
    stop: async () => {
      await subgraph.stop();
      await replica?.close();
    },
  };
});
