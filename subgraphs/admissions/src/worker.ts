/**
 * The outbox process (`admissions-outbox`, the registry entry's worker): delivers the admissions outbox
 * (DOMAIN.md rule 17) apart from the API replicas, so scaling the API does not multiply the workers
 * (docs/deploy.md). The kit's `workerMain` gives it its database, `/health` and a clean stop.
 */
import { workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/index.ts';

const outbox = registryEntry('admissions').workers?.find((worker) => worker.name === 'outbox');

workerMain({
  subgraph: 'admissions',
  kind: 'outbox',
  defaultPort: outbox?.port ?? 4013,
  start: ({ db, logger }) => {
    const workers = startOutboxWorkers({ db, logger, env: readOutboxEnv() });
    return { stop: async () => void (await Promise.all(workers.map((worker) => worker.stop()))) };
  },
});
