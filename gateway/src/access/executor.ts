/**
 * Field scopes at the gateway (DESIGN.md, access model): wraps the executor `ApolloGateway.load()` returns so
 * the gateway plans and runs only the fields the principal may read, then answers the others with `null` and
 * a `FORBIDDEN` error.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { FieldScopes } from './field-scopes.ts';
import { filterCache, type CachedFilter } from './filter-cache.ts';
import { TooManyRemovedFields } from './filter-document.ts';
import { restoreResult } from './restore-result.ts';
import { signInRequired } from './sign-in-required.ts';

export type GatewayExecutor = ApolloGateway['executor'];
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];

export interface FieldScopesOptions {
  /** From `readFieldScopes(supergraphSdl)`; a function when the supergraph can change while running. */
  fieldScopes: FieldScopes | (() => FieldScopes);
  /** The API schema the gateway currently serves (what `load()` returned, or the latest update). */
  apiSchema: () => GraphQLSchema;
  /** Every scope the principal holds anywhere: the gateway's question (a subgraph asks about each row). */
  scopesOf: (requestContext: GatewayRequestContext) => ReadonlySet<string>;
  /**
   * A caller without a token (issue 11): reads only fields marked public, and an operation selecting any
   * other is refused as a whole with `UNAUTHENTICATED` — the remedy is to sign in, not a null per field.
   */
  isAnonymous?: (requestContext: GatewayRequestContext) => boolean;
}

export function withFieldScopes(executor: GatewayExecutor, options: FieldScopesOptions): GatewayExecutor {
  const filter = filterCache();
  return async (requestContext) => {
    let filtered: CachedFilter;
    const anonymous = options.isAnonymous?.(requestContext) ?? false;
    try {
      filtered = filter({
        schema: options.apiSchema(),
        fieldScopes: typeof options.fieldScopes === 'function' ? options.fieldScopes() : options.fieldScopes,
        document: requestContext.document,
        queryHash: requestContext.queryHash,
        operationName: requestContext.request.operationName,
        held: options.scopesOf(requestContext),
        unlisted: anonymous ? 'closed' : 'open',
      });
    } catch (error) {
      // Answered like the gateway's own request errors: as a result, not as a failure of the server.
      if (error instanceof TooManyRemovedFields) return { errors: [error] };
      throw error;
    }
    const { document, operation, removed, planned } = filtered;
    if (removed.length === 0 || !planned) return executor(requestContext);
    if (anonymous) return { errors: [signInRequired(removed)] };

    // The gateway keys its query-plan cache by `queryHash` (and the operation name) and plans `document`:
    // hashing the filtered text makes the key the principal's effective field set, so a plan made for a
    // principal who may read `snils` is never reused for one who may not, and equal field sets share plans.
    const { source, queryHash } = planned;
    const result = await executor({ ...requestContext, document, operation, source, queryHash });
    return restoreResult(result, removed);
  };
}
