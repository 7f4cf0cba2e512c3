/**
 * `ApolloGateway` ready for `new ApolloServer({ gateway })`, with field scopes enforced by its executor.
 * Scopes and API schema are taken from the same supergraph update, so a new supergraph never runs with the
 * previous one's guards.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { withFieldScopes, type FieldScopesOptions } from './executor.ts';
import { readFieldScopes, type FieldScopes } from './field-scopes.ts';

export type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

export function gatewayWithFieldScopes(
  gateway: ApolloGateway,
  options: Pick<FieldScopesOptions, 'scopesOf' | 'isAnonymous'>,
): GatewayInterface {
  let current: { apiSchema: GraphQLSchema; fieldScopes: FieldScopes } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    current = { apiSchema, fieldScopes: readFieldScopes(coreSupergraphSdl) };
  });
  // The gateway reports its first supergraph before `load()` returns and Apollo Server runs nothing earlier;
  // should that ever change, refusing the request is safer than serving it unguarded.
  const loaded = () => {
    if (!current) throw new Error('Field scopes requested before the gateway loaded a supergraph');
    return current;
  };
  return {
    async load(loadOptions) {
      const { executor } = await gateway.load(loadOptions);
      return {
        executor: withFieldScopes(executor, {
          fieldScopes: () => loaded().fieldScopes,
          apiSchema: () => loaded().apiSchema,
          scopesOf: options.scopesOf,
          isAnonymous: options.isAnonymous,
        }),
      };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
