import { createLogger, subgraphMain, type OutboxWorker } from '@region/kit';
import { createLearningSubgraph } from './app.ts';
import { readLearningEnv, readOutboxEnv } from './env.ts';
import { readFilesEnv } from './files.ts';
import { startOutboxWorkers } from './outbox/start.ts';

subgraphMain('learning', 4002, async (deps) => {
  const outboxEnv = readOutboxEnv();
  const subgraph = await createLearningSubgraph({
    ...deps,
    peopleUrl: readLearningEnv().PEOPLE_URL,
    files: readFilesEnv(),
  });
  // In production the journal notices go out from their own process (the registry entry's worker, `worker.ts`).
  const workers: OutboxWorker[] =
    outboxEnv.OUTBOX_WORKERS === 'on'
      ? startOutboxWorkers({ db: deps.db, logger: createLogger('learning-people-outbox'), env: outboxEnv })
      : [];
  return {
    server: subgraph.server,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await subgraph.stop();
    },
  };
});
