import { createLogger, subgraphMain } from '@region/kit';
import { createAdmissionsSubgraph } from './app.ts';
import { readOutboxEnv } from './env.ts';
import {
  createOutboxWorker,
  epguDeliverer,
  movementBookDeliverer,
  serviceTokenProvider,
  type OutboxWorker,
} from './outbox/index.ts';

subgraphMain('admissions', 4003, async (deps) => {
  const env = readOutboxEnv();
  const subgraph = await createAdmissionsSubgraph({ ...deps, peopleUrl: env.PEOPLE_URL });
  const logger = createLogger('admissions-outbox');
  const workers: OutboxWorker[] = [];
  if (env.EPGU_URL) {
    workers.push(
      createOutboxWorker({
        db: deps.db,
        logger,
        deliver: epguDeliverer({ url: env.EPGU_URL, timeoutMs: env.EPGU_TIMEOUT_MS }),
      }),
    );
  } else {
    logger.warn('EPGU_URL is not set: status changes stay in the outbox until delivery is configured');
  }
  if (env.GATEWAY_URL && env.SERVICE_TOKEN_URL) {
    const token = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.SERVICE_CLIENT_ID });
    workers.push(
      createOutboxWorker({
        db: deps.db,
        logger,
        event: 'ENROLMENT_REQUESTED',
        deliver: movementBookDeliverer({ gatewayUrl: env.GATEWAY_URL, token, timeoutMs: env.EPGU_TIMEOUT_MS }),
      }),
    );
  } else {
    logger.warn('GATEWAY_URL or SERVICE_TOKEN_URL is not set: decided enrolments wait in the outbox');
  }
  for (const worker of workers) worker.start(env.OUTBOX_POLL_MS);
  return {
    server: subgraph.server,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await subgraph.stop();
    },
  };
});
