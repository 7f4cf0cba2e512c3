/**
 * The personal-data access log's months (issue 14 §4, docs/operations.md); run daily (a CronJob next to the
 * people Deployment, or cron in development):
 *   npm run pii-reads:purge -- --database-url postgres://people_svc@…/region
 * Creates the partitions of the next months ahead, then drops every month older than the retention
 * (`PII_READ_RETENTION_MONTHS`, 36 by default). The URL may also come from PEOPLE_DATABASE_URL. Idempotent.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@region/db';
import { readPiiReadRetentionEnv } from './env.ts';
import { maintainPiiReadPartitions } from './modules/pii-reads/repository.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
  const env = readPiiReadRetentionEnv();
  const databaseUrl = values['database-url'] ?? env.PEOPLE_DATABASE_URL;
  if (!databaseUrl) {
    console.error('Укажите --database-url или PEOPLE_DATABASE_URL.');
    process.exitCode = 2;
    return;
  }
  const { db, close } = createDb(databaseUrl, { max: 1 });
  try {
    const result = await maintainPiiReadPartitions(db, new Date(), env.PII_READ_RETENTION_MONTHS);
    console.log(
      `Журнал просмотров ПДн: создано разделов ${result.created}, удалено: ${result.dropped.join(', ') || 'нет'}.`,
    );
  } finally {
    await close();
  }
}

await main();
