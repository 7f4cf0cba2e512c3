import type { Database } from '@region/db';
import { createOutboxWorker, serviceTokenProvider, type Logger, type OutboxWorker } from '@region/kit';
import type { readOutboxEnv } from '../env.ts';
import { epguDeliverer } from './epgu-client.ts';
import { applicationNoticeDeliverer } from './application-notice-client.ts';
import { movementBookDeliverer } from './movement-book-client.ts';
import { admissionsOutbox } from './table.ts';

/**
 * The outbox workers the environment configures, started: ЕПГУ when EPGU_URL is set, the movement book and the
 * applicants' notifications (people) when GATEWAY_URL and SERVICE_TOKEN_URL are set. Run by the outbox process (`worker.ts`), or by the API process
 * itself unless OUTBOX_WORKERS=off.
 */
export function startOutboxWorkers(deps: {
  db: Database;
  logger: Logger;
  env: ReturnType<typeof readOutboxEnv>;
}): OutboxWorker[] {
  const { db, logger, env } = deps;
  const workers: OutboxWorker[] = [];
  if (env.EPGU_URL) {
    workers.push(
      createOutboxWorker({
        db,
        logger,
        outbox: admissionsOutbox,
        event: 'STATUS_CHANGED',
        deliver: epguDeliverer({ url: env.EPGU_URL, timeoutMs: env.EPGU_TIMEOUT_MS }),
        leaseMs: env.OUTBOX_LEASE_MS,
      }),
    );
  } else {
    logger.warn('EPGU_URL is not set: status changes stay in the outbox until delivery is configured');
  }
  if (env.GATEWAY_URL && env.SERVICE_TOKEN_URL) {
    const token = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.SERVICE_CLIENT_ID });
    workers.push(
      createOutboxWorker({
        db,
        logger,
        outbox: admissionsOutbox,
        event: 'ENROLMENT_REQUESTED',
        deliver: movementBookDeliverer({ gatewayUrl: env.GATEWAY_URL, token, timeoutMs: env.EPGU_TIMEOUT_MS }),
        leaseMs: env.OUTBOX_LEASE_MS,
      }),
    );
    const noticeToken = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.NOTICE_CLIENT_ID });
    workers.push(
      createOutboxWorker({
        db,
        logger,
        outbox: admissionsOutbox,
        event: 'APPLICATION_NOTICE',
        deliver: applicationNoticeDeliverer({
          gatewayUrl: env.GATEWAY_URL,
          token: noticeToken,
          timeoutMs: env.EPGU_TIMEOUT_MS,
        }),
        leaseMs: env.OUTBOX_LEASE_MS,
      }),
    );
  } else {
    logger.warn(
      'GATEWAY_URL or SERVICE_TOKEN_URL is not set: decided enrolments and application notices wait in the outbox',
    );
  }
  for (const worker of workers) worker.start(env.OUTBOX_POLL_MS);
  return workers;
}
