/**
 * Prunes a subgraph's change-feed log past its retention (issue 14 §2; docs/operations.md «Change feed»): rows
 * written before the cutoff are deleted and the log's horizon moves, so a consumer with an older cursor is told
 * to start again (`CONFLICT`, `CURSOR_EXPIRED`) rather than silently skipping. Run daily per subgraph:
 *   npm run changes:prune -- --feed learning --older-than-days 400 --database-url postgres://learning_svc@…/region
 * The URL may also come from `<PREFIX>_DATABASE_URL` (`LEARNING_DATABASE_URL`). Idempotent.
 */
import { parseArgs } from 'node:util';
import { admissionsTables, createDb, extraEducationTables, learningTables, tables } from '@region/db';
import { z } from 'zod';
import { pruneChanges, type ChangeLog } from './change-feed.ts';
import { parseEnv } from './env.ts';

const FEEDS: Record<string, { prefix: string; changeLog: ChangeLog }> = {
  people: { prefix: 'PEOPLE', changeLog: { log: tables.changes, horizon: tables.changesHorizon } },
  learning: { prefix: 'LEARNING', changeLog: { log: learningTables.changes, horizon: learningTables.changesHorizon } },
  admissions: {
    prefix: 'ADMISSIONS',
    changeLog: { log: admissionsTables.changes, horizon: admissionsTables.changesHorizon },
  },
  'extra-education': {
    prefix: 'EXTRA_EDUCATION',
    changeLog: { log: extraEducationTables.changes, horizon: extraEducationTables.changesHorizon },
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      feed: { type: 'string' },
      'older-than-days': { type: 'string', default: '400' },
      'database-url': { type: 'string' },
    },
  });
  const feed = FEEDS[values.feed ?? ''];
  const days = Number(values['older-than-days']);
  if (!feed || !Number.isInteger(days) || days < 1) {
    console.error(`Укажите --feed (${Object.keys(FEEDS).join(', ')}) и --older-than-days (целое число дней ≥ 1).`);
    process.exitCode = 2;
    return;
  }
  const variable = `${feed.prefix}_DATABASE_URL`;
  const env = parseEnv({ [variable]: z.url().optional() });
  const databaseUrl = values['database-url'] ?? (env[variable] as string | undefined);
  if (!databaseUrl) {
    console.error(`Укажите --database-url или ${variable}.`);
    process.exitCode = 2;
    return;
  }
  const { db, close } = createDb(databaseUrl, { max: 1 });
  try {
    const before = new Date(Date.now() - days * 86_400_000);
    const deleted = await pruneChanges(db, feed.changeLog, before);
    console.log(`Лента ${values.feed}: удалено изменений старше ${days} дн.: ${deleted}.`);
  } finally {
    await close();
  }
}

await main();
