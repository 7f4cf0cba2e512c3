import type { Database } from '@region/db';
import { createOutboxWorker, type Logger, type OutboxWorker } from '@region/kit';
import type { readMailEnv } from '../env.ts';
import { smtpDeliverer } from './smtp.ts';
import { emailOutbox } from './table.ts';

/** The e-mail worker, built (not started), with its SMTP connection's `close`; tests call `runOnce`. */
export function emailWorker(deps: {
  db: Database;
  logger: Logger;
  env: ReturnType<typeof readMailEnv>;
}): (OutboxWorker & { close(): void }) | null {
  const { db, logger, env } = deps;
  if (!env.SMTP_HOST) {
    logger.warn('SMTP_HOST is not set: e-mail copies of notifications wait in people.email_outbox');
    return null;
  }
  const deliver = smtpDeliverer({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === 'true',
    user: env.SMTP_USER,
    password: env.SMTP_PASSWORD,
    from: env.SMTP_FROM,
    timeoutMs: env.SMTP_TIMEOUT_MS,
  });
  const worker = createOutboxWorker({
    db,
    logger,
    outbox: emailOutbox,
    event: 'NOTIFICATION_EMAIL',
    deliver,
    leaseMs: env.OUTBOX_LEASE_MS,
  });
  return { ...worker, close: deliver.close };
}

/** Started: by the worker process (`worker.ts`), or by the API process unless OUTBOX_WORKERS=off. */
export function startEmailWorker(deps: Parameters<typeof emailWorker>[0]): { stop(): Promise<void> } {
  const worker = emailWorker(deps);
  worker?.start(deps.env.OUTBOX_POLL_MS);
  return {
    stop: async () => {
      await worker?.stop();
      worker?.close();
    },
  };
}
