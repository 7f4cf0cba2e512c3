/**
 * The gateway: verifies ESIA tokens, resolves the principal, strips the fields the principal holds no
 * scope for, plans over the committed supergraph and calls each subgraph with a signed internal token.
 */
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  HttpRefusal,
  createHttpServer,
  internalTokenSigner,
  maskError,
  principalScopes,
  type Logger,
  type Principal,
} from '@region/kit';
import type { JWK } from 'jose';
import { gatewayWithFieldScopes } from './access/index.ts';
import { esiaTokenVerifier, InvalidTokenError } from './auth/esia-token.ts';
import { LoginRefused, principalResolver } from './auth/principal.ts';
import { depthLimit } from './limits.ts';

export interface GatewayContext {
  principal: Principal;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL; overrides the URLs written in the supergraph. */
  subgraphUrls: Record<string, string>;
  esia: { issuer: string; audience: string; jwksUrl: string; apiUrl: string };
  internalPrivateJwk: JWK;
  logger: Logger;
  /** How long a resolved principal is cached per ESIA account (default 30 s). */
  principalTtlMs?: number;
  /** Extra HTTP routes (the web client). */
  routes?: Parameters<typeof createHttpServer>[0]['routes'];
}

export interface Gateway {
  server: Server;
  stop(): Promise<void>;
}

function refusal(status: number, code: string, message: string): HttpRefusal {
  return new HttpRefusal(
    status,
    { errors: [{ message, extensions: { code } }] },
    status === 401 ? { 'www-authenticate': 'Bearer' } : {},
  );
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  const sign = await internalTokenSigner(options.internalPrivateJwk);
  const verifyEsia = esiaTokenVerifier(options.esia);
  const resolvePrincipal = principalResolver({
    peopleUrl: options.subgraphUrls['people'] ?? '',
    esiaApiUrl: options.esia.apiUrl,
    sign,
    ttlMs: options.principalTtlMs,
  });

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls[name] ?? url,
        async willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${await sign(context.principal)}`);
        },
      }),
  });
  const scoped = gatewayWithFieldScopes(gateway, {
    scopesOf: (requestContext) => principalScopes((requestContext.context as GatewayContext).principal),
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway: scoped,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    validationRules: [depthLimit()],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, logger),
  });
  await apollo.start();

  const server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    routes: options.routes,
    context: async (request) => {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
      if (!token) return refusal(401, 'UNAUTHENTICATED', 'Войдите через Госуслуги.');
      let identity;
      try {
        identity = await verifyEsia(token);
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        logger.info({ reason: error.message }, 'ESIA token refused');
        return refusal(401, 'UNAUTHENTICATED', 'Сеанс недействителен или истёк. Войдите через Госуслуги снова.');
      }
      try {
        return { principal: await resolvePrincipal(identity, token) };
      } catch (error) {
        if (error instanceof LoginRefused) return refusal(403, error.code, error.message);
        throw error;
      }
    },
  });
  return { server, stop: () => apollo.stop() };
}
