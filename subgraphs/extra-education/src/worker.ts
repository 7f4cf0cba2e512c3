/**
 * The outbox process (`extra-education-outbox`, the registry entry's worker): delivers enrolments and
 * expulsions of extra-education contracts to people's movement book (rule 20) apart from the API replicas,
 * so scaling the API does not multiply the workers. The kit's `workerMain` gives it its database, `/health`
 * and a clean stop.
 */
import { workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/start.ts';

const outbox = registryEntry('extra-education').workers?.find((worker) => worker.name === 'outbox');

workerMain({
  subgraph: 'extra-education',
  kind: 'outbox',
  defaultPort: outbox?.port ?? 4014,
  start: ({ db, logger }) => {
    const workers = startOutboxWorkers({ db, logger, env: readOutboxEnv() });
    return { stop: async () => void (await Promise.all(workers.map((worker) => worker.stop()))) };
  },
});
