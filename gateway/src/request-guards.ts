/**
 * Checks on the whole operation that depend on who asks, run after Apollo Server parsed and validated it and
 * before the gateway plans it. They cannot be validation rules: Apollo Server caches a validated document
 * for every later request with the same text, whoever sends it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, type Principal } from '@region/kit';
import type { Role } from '@region/schema';
import { BREAK, GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { malformedInput } from './input-check.ts';
import { exceededLimit, limitKindOf, tooComplex, type LimitKind, type QueryLimits } from './limits.ts';

/** Analysts and regional operators build reports over the schema; the cabinets never introspect. */
export const DEFAULT_INTROSPECTION_ROLES: ReadonlySet<Role> = new Set(['MINISTRY_ANALYST', 'REGIONAL_OPERATOR']);

export interface RequestGuardOptions {
  limits: Readonly<Record<LimitKind, QueryLimits>>;
  /** Roles whose holders may read the schema (`__schema`, `__type`); nobody else needs it to work. */
  introspectionRoles: ReadonlySet<Role>;
}

export function requestGuards<C extends { principal: Principal }>(options: RequestGuardOptions): ApolloServerPlugin<C> {
  const mayIntrospect = (principal: Principal) =>
    principal.kind === 'PERSON' && principal.grants.some((grant) => options.introspectionRoles.has(grant.role));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, source, schema, request, operation, operationName }) {
          if (!operation) {
            const name = operationName ?? request.operationName;
            throw new AppError(
              'BAD_USER_INPUT',
              name ? `В запросе нет операции «${name}».` : 'В запросе несколько операций: укажите operationName.',
              { field: 'operationName', http: { status: 400 } },
            );
          }
          const { principal } = contextValue;
          // The schema tells an attacker every field name and argument to try; the cabinets do not use it.
          if (introspects(document) && !mayIntrospect(principal)) {
            throw new AppError('FORBIDDEN', 'Схема API доступна только аналитикам и операторам региона.', {
              http: { status: 403 },
            });
          }
          let violation;
          try {
            violation = exceededLimit(
              { schema, document, source, operationName: operationName ?? undefined, variables: request.variables },
              options.limits[limitKindOf(principal)],
            );
          } catch (error) {
            // Cost is computed with the variables; malformed ones are the client's to fix.
            if (error instanceof GraphQLError) {
              throw new AppError('BAD_USER_INPUT', `Неверные переменные запроса: ${error.message}`, {
                http: { status: 400 },
              });
            }
            throw error;
          }
          if (violation) throw tooComplex(violation);
          const malformed = malformedInput(schema, document, request.variables);
          if (malformed) {
            throw new AppError('BAD_USER_INPUT', malformed.message, { field: malformed.field, http: { status: 400 } });
          }
        },
      };
    },
  };
}

/** `__typename` is not introspection of the schema: Apollo Client adds it to every selection. */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
