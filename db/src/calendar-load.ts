/**
 * Loads a year's production calendar from a JSON file (the regional operator's step when the Government
 * publishes the decree on moving days off; docs/architecture.md, Legal calendar):
 *   npm run calendar:load -- --database-url postgres://… 2027.json
 * The URL may also come from DATABASE_URL; the file holds `{ year, decree, nonWorkingDays, workingWeekends }`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from './client.ts';
import { loadProductionCalendarYear } from './production-calendar.ts';

const Options = z.object({
  databaseUrl: z.url({ error: 'pass --database-url or set DATABASE_URL' }),
  file: z.string({ error: 'pass the JSON file of the year' }),
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { 'database-url': { type: 'string' } },
    allowPositionals: true,
  });
  const parsed = Options.safeParse({
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
    file: positionals[0],
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    process.exitCode = 2;
    return;
  }
  const { db, close } = createDb(parsed.data.databaseUrl, { max: 1 });
  try {
    const year = await loadProductionCalendarYear(db, JSON.parse(readFileSync(parsed.data.file, 'utf8')));
    console.log(`Производственный календарь на ${year} год загружен.`);
  } catch (error) {
    console.error(error instanceof z.ZodError ? z.prettifyError(error) : error);
    process.exitCode = 1;
  } finally {
    await close();
  }
}

await main();
