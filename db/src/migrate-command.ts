/**
 * `npm run migrate -- --database-url postgres://owner@primary/region`: the production migration step, run
 * once per release before the new replicas start (a Kubernetes Job, docs/deploy.md), never by the services
 * themselves. It brings the database to the committed schema (`migrateDatabase`) and seeds nothing.
 *
 * The URL is the schema owner's (it creates roles and schemas); `ROLE_PASSWORD` is the password the
 * subgraphs' roles log in with. Both may come from the environment (`DATABASE_URL`), so a Secret can
 * supply them without putting them on a command line.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateDatabase } from './migrate.ts';

export function parseMigrateCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
): { databaseUrl: string; rolePassword: string } {
  const { values } = parseArgs({ args, options: { 'database-url': { type: 'string' } }, strict: true });
  const parsed = z
    .object({
      databaseUrl: z
        .string({ error: '--database-url or DATABASE_URL: required' })
        .url({ error: '--database-url or DATABASE_URL: must be a postgres:// URL' }),
      rolePassword: z
        .string({ error: "ROLE_PASSWORD: required (the password of the subgraphs' roles)" })
        .min(1, { error: "ROLE_PASSWORD: required (the password of the subgraphs' roles)" }),
    })
    .safeParse({ databaseUrl: values['database-url'] ?? env['DATABASE_URL'], rolePassword: env['ROLE_PASSWORD'] });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { databaseUrl, rolePassword } = parseMigrateCommand(process.argv.slice(2), process.env);
    await migrateDatabase(databaseUrl, rolePassword);
    console.log('migrations applied');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
