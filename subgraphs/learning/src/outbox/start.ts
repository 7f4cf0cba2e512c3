import type { Database } from '@region/db';
import { createOutboxWorker, serviceTokenProvider, type Logger, type OutboxWorker } from '@region/kit';
import type { readOutboxEnv } from '../env.ts';
import { journalNoticeDeliverer } from './people-client.ts';
import { peopleOutbox } from './table.ts';

/** The journal-notice worker, built (not started): the outbox process starts it; tests call `runOnce`. */
export function journalNoticeWorker(deps: {
  db: Database;
  logger: Logger;
  env: ReturnType<typeof readOutboxEnv>;
}): OutboxWorker | null {
  const { db, logger, env } = deps;
  if (!env.GATEWAY_URL || !env.SERVICE_TOKEN_URL) {
    logger.warn('GATEWAY_URL or SERVICE_TOKEN_URL is not set: journal notices wait in learning.people_outbox');
    return null;
  }
  const token = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.SERVICE_CLIENT_ID });
  return createOutboxWorker({
    db,
    logger,
    outbox: peopleOutbox,
    event: 'JOURNAL_NOTICE',
    deliver: journalNoticeDeliverer({ gatewayUrl: env.GATEWAY_URL, token, timeoutMs: env.DELIVERY_TIMEOUT_MS }),
    leaseMs: env.OUTBOX_LEASE_MS,
  });
}

/** Started workers: run by the worker process (`worker.ts`), or by the API process unless OUTBOX_WORKERS=off. */
export function startOutboxWorkers(deps: Parameters<typeof journalNoticeWorker>[0]): OutboxWorker[] {
  const workers = [journalNoticeWorker(deps)].filter((worker): worker is OutboxWorker => worker !== null);
  for (const worker of workers) worker.start(deps.env.OUTBOX_POLL_MS);
  return workers;
}
