/**
 * The bench's baseline: a stock `ApolloGateway` in a stock `ApolloServer` (standalone HTTP server) over the same
 * subgraphs and the same committed supergraph — without the project's field scopes, query limits, metrics,
 * request ids, CORS or rate limits. It authenticates exactly as the project gateway must for the subgraphs to
 * answer (issue 13 §2): the ESIA token is verified and the principal resolved by the project's own functions
 * (`@region/gateway/auth/*`, cached the same 30 s), and every subgraph fetch carries an internal token signed
 * for that principal (reused per principal, as the project gateway does). So the difference between the two
 * gateways is the project's request path, not the authentication the subgraphs demand.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { esiaTokenVerifier } from '@region/gateway/auth/esia-token';
import { principalResolver } from '@region/gateway/auth/principal';
import { readSubgraphUrls } from '@region/gateway/env';
import {
  ANONYMOUS,
  internalTokenSigner,
  parseEnv,
  parseJwk,
  port,
  reusingInternalTokenSigner,
  type Principal,
} from '@region/kit';
import { SUPERGRAPH_PATH } from '@region/schema';
import { GraphQLError } from 'graphql';
import { z } from 'zod';

interface StockContext {
  principal: Principal;
}

async function main(): Promise<void> {
  const env = parseEnv({
    STOCK_GATEWAY_PORT: port(4100),
    ESIA_ISSUER: z.string().url(),
    ESIA_JWKS_URL: z.string().url(),
    ESIA_AUDIENCE: z.string().min(1),
    ESIA_API_URL: z.string().url(),
    INTERNAL_TOKEN_PRIVATE_JWK: z.string().min(10),
  });
  const subgraphUrls = readSubgraphUrls();
  const sign = reusingInternalTokenSigner(await internalTokenSigner(parseJwk(env.INTERNAL_TOKEN_PRIVATE_JWK)));
  const verify = esiaTokenVerifier({
    issuer: env.ESIA_ISSUER,
    audience: env.ESIA_AUDIENCE,
    jwksUrl: env.ESIA_JWKS_URL,
  });
  const resolve = principalResolver({ peopleUrl: subgraphUrls['people'] ?? '', esiaApiUrl: env.ESIA_API_URL, sign });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<StockContext>({
        url: subgraphUrls[name] ?? url,
        async willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${await sign(context.principal)}`);
        },
      }),
  });
  // Stock settings except CSRF prevention, off so that the bench can probe health with a plain GET.
  const server = new ApolloServer<StockContext>({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: env.STOCK_GATEWAY_PORT, host: '127.0.0.1' },
    async context({ req }) {
      const header = req.headers.authorization ?? '';
      if (!header.startsWith('Bearer ')) return { principal: ANONYMOUS };
      const token = header.slice('Bearer '.length).trim();
      try {
        return { principal: await resolve(await verify(token), token) };
      } catch (error) {
        throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
    },
  });
  console.log(`stock gateway listening at ${url}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
