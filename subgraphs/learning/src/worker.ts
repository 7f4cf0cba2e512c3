/**
 * The process `learning-people-outbox` (the registry entry's worker): delivers journal notices (marks,
 * absences, homework) to people's notifications apart from the API replicas. The kit's `workerMain` gives it
 * its database, `/health` and a clean stop.
 */
import { workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/start.ts';

const worker = registryEntry('learning').workers?.find((candidate) => candidate.name === 'people-outbox');

workerMain({
  subgraph: 'learning',
  kind: 'people-outbox',
  defaultPort: worker?.port ?? 4016,
  start: ({ db, logger }) => {
    const workers = startOutboxWorkers({ db, logger, env: readOutboxEnv() });
    return { stop: async () => void (await Promise.all(workers.map((started) => started.stop()))) };
  },
});
