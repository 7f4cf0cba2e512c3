import type { Database } from '@region/db';
import { createOutboxWorker, serviceTokenProvider, type Logger, type OutboxWorker } from '@region/kit';
import type { readOutboxEnv } from '../env.ts';
import { movementBookDeliverer } from './movement-book-client.ts';
import { peopleLinksDeliverer } from './people-links-client.ts';
import { extraEducationOutbox, peopleOutbox } from './table.ts';

/** The movement-book worker, built (not started): the outbox process starts it; tests call `runOnce`. */
export function movementBookWorker(deps: {
  db: Database;
  logger: Logger;
  env: ReturnType<typeof readOutboxEnv>;
}): OutboxWorker | null {
  const { db, logger, env } = deps;
  if (!env.GATEWAY_URL || !env.SERVICE_TOKEN_URL) {
    logger.warn('GATEWAY_URL or SERVICE_TOKEN_URL is not set: enrolments and expulsions wait in the outbox');
    return null;
  }
  const token = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.SERVICE_CLIENT_ID });
  return createOutboxWorker({
    db,
    logger,
    outbox: extraEducationOutbox,
    event: 'MOVEMENT_REQUESTED',
    deliver: movementBookDeliverer({ gatewayUrl: env.GATEWAY_URL, token, timeoutMs: env.DELIVERY_TIMEOUT_MS }),
    leaseMs: env.OUTBOX_LEASE_MS,
  });
}

/** The worker telling people which children an organization may name (`people_outbox`), built, not started. */
export function peopleLinksWorker(deps: Parameters<typeof movementBookWorker>[0]): OutboxWorker | null {
  const { db, logger, env } = deps;
  if (!env.GATEWAY_URL || !env.SERVICE_TOKEN_URL) {
    logger.warn('GATEWAY_URL or SERVICE_TOKEN_URL is not set: links to people wait in the outbox');
    return null;
  }
  const token = serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.SERVICE_CLIENT_ID });
  return createOutboxWorker({
    db,
    logger,
    outbox: peopleOutbox,
    event: 'LINK_CHANGED',
    deliver: peopleLinksDeliverer({ gatewayUrl: env.GATEWAY_URL, token, timeoutMs: env.DELIVERY_TIMEOUT_MS }),
    leaseMs: env.OUTBOX_LEASE_MS,
  });
}

/** Started workers: run by the outbox process (`worker.ts`), or by the API process unless OUTBOX_WORKERS=off. */
export function startOutboxWorkers(deps: Parameters<typeof movementBookWorker>[0]): OutboxWorker[] {
  const workers = [movementBookWorker(deps), peopleLinksWorker(deps)].filter(
    (worker): worker is OutboxWorker => worker !== null,
  );
  for (const worker of workers) worker.start(deps.env.OUTBOX_POLL_MS);
  return workers;
}
