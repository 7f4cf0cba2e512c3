import { createLogger, subgraphMain } from '@region/kit';
import { createAdmissionsSubgraph } from './app.ts';
import { readOutboxEnv } from './env.ts';
import { createOutboxWorker, epguDeliverer } from './outbox/index.ts';

subgraphMain('admissions', 4003, async (deps) => {
  const subgraph = await createAdmissionsSubgraph(deps);
  const env = readOutboxEnv();
  const logger = createLogger('admissions-outbox');
  if (!env.EPGU_URL) {
    logger.warn('EPGU_URL is not set: status changes stay in the outbox until delivery is configured');
    return subgraph;
  }
  const worker = createOutboxWorker({
    db: deps.db,
    deliver: epguDeliverer({ url: env.EPGU_URL, timeoutMs: env.EPGU_TIMEOUT_MS }),
    logger,
  });
  worker.start(env.EPGU_POLL_MS);
  return {
    server: subgraph.server,
    stop: async () => {
      await worker.stop();
      await subgraph.stop();
    },
  };
});
