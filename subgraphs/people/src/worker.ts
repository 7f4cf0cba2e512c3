/**
 * The process `people-mail` (the registry entry's worker): sends e-mail copies of notifications to the SMTP
 * relay apart from the API replicas. The kit's `workerMain` gives it its database, `/health` and a clean stop.
 */
import { workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readMailEnv } from './env.ts';
import { startEmailWorker } from './mail/start.ts';

const worker = registryEntry('people').workers?.find((candidate) => candidate.name === 'mail');

workerMain({
  subgraph: 'people',
  kind: 'mail',
  defaultPort: worker?.port ?? 4019,
  start: ({ db, logger }) => startEmailWorker({ db, logger, env: readMailEnv() }),
});
