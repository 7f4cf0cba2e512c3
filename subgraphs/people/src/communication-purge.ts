/**
 * Deletes messages and notifications past their retention (docs/architecture.md, «Communication»); run daily
 * (a CronJob next to the people Deployment, or cron in development):
 *   npm run communication:purge -- --database-url postgres://people_svc@…/region
 * The URL may also come from PEOPLE_DATABASE_URL. Idempotent: two runs at once delete each row once.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@region/db';
import { parseEnv } from '@region/kit';
import { z } from 'zod';
import { purgeExpiredCommunication } from './modules/messages/retention.ts';
import { readFilesStorageEnv } from './files.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
  const env = parseEnv({ PEOPLE_DATABASE_URL: z.url().optional() });
  const databaseUrl = values['database-url'] ?? env.PEOPLE_DATABASE_URL;
  if (!databaseUrl) {
    console.error('Укажите --database-url или PEOPLE_DATABASE_URL.');
    process.exitCode = 2;
    return;
  }
  const { db, close } = createDb(databaseUrl, { max: 1 });
  try {
    const purged = await purgeExpiredCommunication(db, new Date(), readFilesStorageEnv());
    console.log(`Удалено переписок: ${purged.threads}, уведомлений: ${purged.notifications}, файлов: ${purged.files}.`);
  } finally {
    await close();
  }
}

await main();
