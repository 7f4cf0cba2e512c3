/**
 * Driving the notification workers in tests as their processes do (issue 15 §1): learning's journal notices
 * through the gateway as `learning-notifications`, and people's e-mail copies to dev ESIA's stand-in relay.
 */
import type { AddressInfo } from 'node:net';
import { createDb } from '@region/db';
import { createLogger, createOutboxWorker } from '@region/kit';
import { applicationNoticeDeliverer } from '../../subgraphs/admissions/src/outbox/application-notice-client.ts';
import { admissionsOutbox } from '../../subgraphs/admissions/src/outbox/table.ts';
import { journalNoticeDeliverer } from '../../subgraphs/learning/src/outbox/people-client.ts';
import { peopleOutbox } from '../../subgraphs/learning/src/outbox/table.ts';
import { readMailEnv } from '../../subgraphs/people/src/env.ts';
import { emailWorker } from '../../subgraphs/people/src/mail/start.ts';
import type { Platform } from './platform.ts';

/** One run of learning's `learning-people-outbox` worker. */
export async function deliverJournalNotices(platform: Platform) {
  const handle = createDb(platform.database.roleUrl('learning'));
  const worker = createOutboxWorker({
    db: handle.db,
    logger: createLogger('test', 'silent'),
    outbox: peopleOutbox,
    event: 'JOURNAL_NOTICE',
    deliver: journalNoticeDeliverer({
      gatewayUrl: platform.gatewayUrl,
      token: () => platform.serviceToken('learning-notifications'),
      timeoutMs: 5_000,
    }),
  });
  try {
    return await worker.runOnce();
  } finally {
    await handle.close();
  }
}

/** One run of admissions' application-notice worker (`admissions-outbox`), as `admissions-notifications`. */
export async function deliverApplicationNotices(platform: Platform) {
  const handle = createDb(platform.database.roleUrl('admissions'));
  const worker = createOutboxWorker({
    db: handle.db,
    logger: createLogger('test', 'silent'),
    outbox: admissionsOutbox,
    event: 'APPLICATION_NOTICE',
    deliver: applicationNoticeDeliverer({
      gatewayUrl: platform.gatewayUrl,
      token: () => platform.serviceToken('admissions-notifications'),
      timeoutMs: 5_000,
    }),
  });
  try {
    return await worker.runOnce();
  } finally {
    await handle.close();
  }
}

/** Starts dev ESIA's stand-in SMTP relay on a free loopback port; returns the port. */
export async function listenDevMailbox(platform: Platform): Promise<number> {
  await new Promise<void>((resolve) => platform.mailbox.smtp.listen(0, '127.0.0.1', () => resolve()));
  return (platform.mailbox.smtp.server.address() as AddressInfo).port;
}

/** One run of people's `people-mail` worker against the relay on `smtpPort`. */
export async function sendNotificationEmails(platform: Platform, smtpPort: number) {
  const handle = createDb(platform.database.roleUrl('people'));
  const worker = emailWorker({
    db: handle.db,
    logger: createLogger('test', 'silent'),
    env: { ...readMailEnv(), SMTP_HOST: '127.0.0.1', SMTP_PORT: smtpPort },
  })!;
  try {
    return await worker.runOnce();
  } finally {
    worker.close();
    await handle.close();
  }
}
