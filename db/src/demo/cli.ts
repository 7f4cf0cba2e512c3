/**
 * Seeds a migrated, empty database with the demo region and prints what it wrote:
 *   tsx db/src/demo/cli.ts --seed 1 --scale 1 --database-url postgres://…
 * The database URL may also come from DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '../client.ts';
import { isDatabaseEmpty, seedDemoRegion } from './seed.ts';

const Options = z.object({
  seed: z.coerce.number().int(),
  scale: z.coerce.number().positive(),
  databaseUrl: z.url({ error: 'pass --database-url or set DATABASE_URL' }),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      scale: { type: 'string', default: '1' },
      'database-url': { type: 'string' },
    },
  });
  const parsed = Options.safeParse({
    seed: values.seed,
    scale: values.scale,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    process.exitCode = 2;
    return;
  }
  const { seed, scale, databaseUrl } = parsed.data;
  const { db, close } = createDb(databaseUrl, { max: 1 });
  try {
    if (!(await isDatabaseEmpty(db))) {
      console.error('The database already holds people data: the demo region is seeded into an empty database only.');
      process.exitCode = 1;
      return;
    }
    const started = performance.now();
    const { counts, faults, catalog } = await seedDemoRegion(db, { seed, scale });
    console.log(
      `Demo region, seed ${seed}, scale ${scale}, school year ${catalog.schoolYear}/${catalog.schoolYear + 1}:`,
    );
    console.table(counts);
    console.log('Planted faults:', JSON.stringify(faults, null, 2));
    console.log(`Seeded in ${Math.round(performance.now() - started)} ms.`);
  } finally {
    await close();
  }
}

await main();
