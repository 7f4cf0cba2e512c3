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
import { guardCache } from './guard-cache.ts';
import {
  exceededSizeLimit,
  exceededTextLimit,
  limitKindOf,
  tooComplex,
  type LimitKind,
  type LimitViolation,
  type Measured,
  type QueryLimits,
} from './limits.ts';

/** Analysts and regional operators build reports over the schema; the cabinets never introspect. */
export const DEFAULT_INTROSPECTION_ROLES: ReadonlySet<Role> = new Set(['MINISTRY_ANALYST', 'REGIONAL_OPERATOR']);

export interface RequestGuardOptions {
  limits: Readonly<Record<LimitKind, QueryLimits>>;
  /** Roles whose holders may read the schema (`__schema`, `__type`); nobody else needs it to work. */
  introspectionRoles: ReadonlySet<Role>;
}

export function requestGuards<C extends { principal: Principal }>(options: RequestGuardOptions): ApolloServerPlugin<C> {
  const verdicts = guardCache();
  const mayIntrospect = (principal: Principal) =>
    principal.kind === 'PERSON' && principal.grants.some((grant) => options.introspectionRoles.has(grant.role));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          contextValue,
          document,
          source,
          schema,
          request,
          operation,
          operationName,
          queryHash,
        }) {
          if (!operation) {
            const name = operationName ?? request.operationName;
            throw new AppError(
              'BAD_USER_INPUT',
              name ? `В запросе нет операции «${name}».` : 'В запросе несколько операций: укажите operationName.',
              { field: 'operationName', http: { status: 400 } },
            );
          }
          const { principal } = contextValue;
          const kind = limitKindOf(principal);
          const limits = options.limits[kind];
          const name = operationName ?? undefined;
          const fixed = (operation.variableDefinitions ?? []).length === 0;
          const measured = { schema, document, source, operationName: name, variables: request.variables };
          const verdict = verdicts.verdict(schema, { queryHash, operationName: name, kind }, () => {
            const textViolation = exceededTextLimit(measured, limits);
            return {
              introspects: introspects(document),
              textViolation,
              // Without variables the text decides the rest as well; never measured past a text violation,
              // which is what keeps a hostile text from being walked.
              ...(fixed && !textViolation
                ? { sizeViolation: sizeLimit(measured, limits), malformed: malformedInput(schema, document) }
                : {}),
            };
          });
          // The schema tells an attacker every field name and argument to try; the cabinets do not use it.
          if (verdict.introspects && !mayIntrospect(principal)) {
            throw new AppError('FORBIDDEN', 'Схема API доступна только аналитикам и операторам региона.', {
              http: { status: 403 },
            });
          }
          if (verdict.textViolation) throw tooComplex(verdict.textViolation);
          const violation = verdict.sizeViolation !== undefined ? verdict.sizeViolation : sizeLimit(measured, limits);
          if (violation) throw tooComplex(violation);
          const malformed =
            verdict.malformed !== undefined ? verdict.malformed : malformedInput(schema, document, request.variables);
          if (malformed) {
            throw new AppError('BAD_USER_INPUT', malformed.message, { field: malformed.field, http: { status: 400 } });
          }
        },
      };
    },
  };
}

/** Page and cost; malformed variables, which they coerce, are the client's to fix. */
function sizeLimit(measured: Measured, limits: QueryLimits): LimitViolation | null {
  try {
    return exceededSizeLimit(measured, limits);
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new AppError('BAD_USER_INPUT', `Неверные переменные запроса: ${error.message}`, {
        http: { status: 400 },
      });
    }
    throw error;
  }
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
