/**
 * Retention of communication (152-FZ art. 5 p. 7: personal data are kept no longer than their purpose needs):
 * a thread with its messages goes a year after its last message (a school year and the following one, for a
 * dispute about it), notifications after 90 days. Reads already ignore what is past retention; this deletes it.
 * Attached files go with their messages, and their bytes from the store after the commit (issue 15 §1), as do
 * uploads never attached within a day.
 */
import type { Database } from '@region/db';
import type { FileStorage } from '@region/kit';
import { purgeUnattachedAndCollectExpired, unreferencedKeys } from '../message-files/repository.ts';
import { purgeExpiredNotifications } from '../notifications/repository.ts';
import { MESSAGE_RETENTION_DAYS, purgeExpiredThreads } from './repository.ts';

export async function purgeExpiredCommunication(
  db: Database,
  now: Date,
  storage?: FileStorage,
): Promise<{ threads: number; notifications: number; files: number }> {
  const purged = await db.transaction(async (tx) => {
    const candidates = await purgeUnattachedAndCollectExpired(tx, now, MESSAGE_RETENTION_DAYS);
    const threads = await purgeExpiredThreads(tx, now);
    return {
      threads,
      notifications: await purgeExpiredNotifications(tx, now),
      keys: await unreferencedKeys(tx, candidates),
    };
  });
  // After the commit, so that a rolled-back purge never leaves a row whose bytes are gone.
  if (storage) for (const key of purged.keys) await storage.delete(key);
  return { threads: purged.threads, notifications: purged.notifications, files: purged.keys.length };
}
