import { readFileSync } from 'node:fs';
import { createLogger, parseJwk, runService } from '@region/kit';
import { SUPERGRAPH_PATH } from '@region/schema';
import { createGateway } from './app.ts';
import { readEnv } from './env.ts';
import { webClient } from './static.ts';

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger('gateway');
  const gateway = await createGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: { people: env.PEOPLE_URL, learning: env.LEARNING_URL, admissions: env.ADMISSIONS_URL },
    esia: {
      issuer: env.ESIA_ISSUER,
      audience: env.ESIA_AUDIENCE,
      jwksUrl: env.ESIA_JWKS_URL,
      apiUrl: env.ESIA_API_URL,
    },
    internalPrivateJwk: parseJwk(env.INTERNAL_TOKEN_PRIVATE_JWK),
    logger,
    routes: env.WEB_DIST
      ? webClient(env.WEB_DIST, {
          esiaLoginUrl: env.ESIA_LOGIN_URL ?? new URL('login', `${env.ESIA_ISSUER}/`).href,
          regionTimeZone: env.REGION_TIME_ZONE,
        })
      : undefined,
  });
  await runService({
    name: 'gateway',
    server: gateway.server,
    port: env.GATEWAY_PORT,
    logger,
    onShutdown: gateway.stop,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
