/**
 * The outbox process: delivers the admissions outbox (DOMAIN.md rule 17) apart from the API replicas, so
 * scaling the API does not multiply the workers (docs/deploy.md). It serves `/health` only, for the
 * orchestrator's probes, and stops on SIGINT/SIGTERM once the runs in progress have recorded their results.
 */
import { createServer } from 'node:http';
import { createDb } from '@region/db';
import { createLogger, parseEnv, port, runService, sendJson } from '@region/kit';
import { z } from 'zod';
import { readOutboxEnv } from './env.ts';
import { startOutboxWorkers } from './outbox/index.ts';

const env = { ...readOutboxEnv(), ...readWorkerEnv() };
const logger = createLogger('admissions-outbox');
const { db, close } = createDb(env.ADMISSIONS_DATABASE_URL, { max: 4 });
const workers = startOutboxWorkers({ db, logger, env });
const server = createServer((request, response) => {
  if (new URL(request.url ?? '/', 'http://localhost').pathname === '/health') sendJson(response, 200, { status: 'ok' });
  else sendJson(response, 404, { error: 'not found' });
});

runService({
  name: 'admissions-outbox',
  server,
  port: env.OUTBOX_WORKER_PORT,
  host: env.LISTEN_HOST,
  logger,
  onShutdown: async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await close();
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

function readWorkerEnv() {
  return parseEnv({
    /** The admissions role, like the API's: the outbox lives in the admissions schema. */
    ADMISSIONS_DATABASE_URL: z.string().url(),
    /** `/health` of the outbox process. */
    OUTBOX_WORKER_PORT: port(4013),
    LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  });
}
