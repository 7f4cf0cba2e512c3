import { createLogger, subgraphMain, type OutboxWorker } from '@region/kit';
import { createAdmissionsSubgraph } from './app.ts';
import { readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/index.ts';

subgraphMain('admissions', 4003, async (deps) => {
  const env = readOutboxEnv();
  const subgraph = await createAdmissionsSubgraph({ ...deps, peopleUrl: env.PEOPLE_URL });
  // In production the outbox runs as its own process (the registry entry's worker, `worker.ts`,
  // docs/deploy.md), not one per API replica.
  const workers: OutboxWorker[] =
    env.OUTBOX_WORKERS === 'on'
      ? startOutboxWorkers({ db: deps.db, logger: createLogger('admissions-outbox'), env })
      : [];
  return {
    server: subgraph.server,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await subgraph.stop();
    },
  };
});
