import { createLogger, subgraphMain, type OutboxWorker } from '@region/kit';
import { createExtraEducationSubgraph } from './app.ts';
import { readExtraEducationEnv, readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/start.ts';

subgraphMain('extra-education', 4004, async (deps) => {
  const env = readExtraEducationEnv();
  const outboxEnv = readOutboxEnv();
  const subgraph = await createExtraEducationSubgraph({ ...deps, peopleUrl: env.PEOPLE_URL });
  // In production the outbox runs as its own process (the registry entry's worker, `worker.ts`).
  const workers: OutboxWorker[] =
    outboxEnv.OUTBOX_WORKERS === 'on'
      ? startOutboxWorkers({ db: deps.db, logger: createLogger('extra-education-outbox'), env: outboxEnv })
      : [];
  return {
    server: subgraph.server,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await subgraph.stop();
    },
  };
});
