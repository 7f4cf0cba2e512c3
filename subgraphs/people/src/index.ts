import { createLogger, internalTokenVerifier, parseJwk, runService } from '@region/kit';
import { createDb } from '@region/db';
import { createPeopleSubgraph } from './app.ts';
import { readEnv } from './env.ts';

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger('people');
  const { db, close } = createDb(env.PEOPLE_DATABASE_URL);
  const fixed = env.CLOCK_NOW ? new Date(env.CLOCK_NOW) : null;
  const subgraph = await createPeopleSubgraph({
    db,
    logger,
    verifyInternalToken: await internalTokenVerifier(parseJwk(env.INTERNAL_TOKEN_PUBLIC_JWK)),
    now: fixed ? () => fixed : undefined,
  });
  await runService({
    name: 'people',
    server: subgraph.server,
    port: env.PEOPLE_PORT,
    logger,
    onShutdown: async () => {
      await subgraph.stop();
      await close();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
