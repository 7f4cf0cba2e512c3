/**
 * Retention of communication (152-FZ art. 5 p. 7: personal data are kept no longer than their purpose needs):
 * a thread with its messages goes a year after its last message (a school year and the following one, for a
 * dispute about it), notifications after 90 days. Reads already ignore what is past retention; this deletes it.
 */
import type { Database } from '@region/db';
import { purgeExpiredNotifications } from '../notifications/repository.ts';
import { purgeExpiredThreads } from './repository.ts';

export async function purgeExpiredCommunication(
  db: Database,
  now: Date,
): Promise<{ threads: number; notifications: number }> {
  return db.transaction(async (tx) => ({
    threads: await purgeExpiredThreads(tx, now),
    notifications: await purgeExpiredNotifications(tx, now),
  }));
}
