/**
 * Persisted operations for service accounts (issue 14 §1, DESIGN.md: «service accounts run only the persisted
 * operations registered for them»). An external system whose account has an active operation manifest (people's
 * `operation_manifests`) may send only the operations of that manifest: by hash
 * (`extensions.persistedQuery.sha256Hash`, the automatic-persisted-queries shape — the text comes from the
 * manifest, not from Apollo's cache that anyone may fill) or as the full text whose SHA-256 is in it. Anything
 * else is refused with `PERSISTED_QUERY_NOT_ALLOWED` before parsing, validation and planning: no subgraph is
 * called. Persons and anonymous callers are not affected.
 *
 * The allow-list is cached per account: the gateway asks people (`_serviceOperations`, @inaccessible) at most
 * once per `ttlMs` whether the active version changed, and fetches the operations once per version. An
 * activated version applies within the TTL, as a withdrawn grant does.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { AppError, type InternalTokenSigner, type Principal } from '@region/kit';

export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';

/** The stand-in text a refused request carries through the pipeline to the refusal (see `refuseLater`). */
const REFUSED = 'query PersistedQueryNotAllowed { __typename }';

interface AllowList {
  version: number | null;
  /** Operation hash → text; null: no manifest is active, the account runs under its scopes alone. */
  operations: ReadonlyMap<string, string> | null;
  checkedAt: number;
}

interface Answer {
  data?: {
    _serviceOperations?: { version: number | null; operations: { id: string; body: string }[] | null } | null;
  } | null;
  errors?: unknown[];
}

const SERVICE_OPERATIONS = /* GraphQL */ `
  query ServiceOperations($serviceId: ID!, $knownVersion: Int) {
    _serviceOperations(serviceId: $serviceId, knownVersion: $knownVersion) {
      version
      operations {
        id
        body
      }
    }
  }
`;

export interface PersistedOperationsOptions {
  peopleUrl: string;
  sign: InternalTokenSigner;
  /** How long an account's active version is trusted before people is asked again (default 30 s). */
  ttlMs?: number;
  now?: () => number;
}

export function persistedOperationsAllowList(options: PersistedOperationsOptions) {
  const ttl = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const lists = new Map<string, AllowList>();
  const pending = new Map<string, Promise<AllowList>>();

  async function fetchList(serviceId: string, known: AllowList | undefined): Promise<AllowList> {
    const response = await fetch(options.peopleUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await options.sign({ kind: 'GATEWAY' })}`,
      },
      body: JSON.stringify({
        query: SERVICE_OPERATIONS,
        variables: { serviceId, knownVersion: known?.version ?? null },
      }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as Answer;
    const answer = body.data?._serviceOperations;
    if (!answer) throw new Error(`people refused the operation manifest lookup: ${JSON.stringify(body.errors)}`);
    const operations =
      answer.version === null
        ? null
        : answer.operations
          ? new Map(answer.operations.map((operation) => [operation.id, operation.body]))
          : (known?.operations ?? null);
    const list = { version: answer.version, operations, checkedAt: now() };
    lists.set(serviceId, list);
    return list;
  }

  return async function allowList(serviceId: string): Promise<AllowList> {
    const known = lists.get(serviceId);
    if (known && now() - known.checkedAt < ttl) return known;
    let inFlight = pending.get(serviceId);
    if (!inFlight) {
      inFlight = fetchList(serviceId, known).finally(() => pending.delete(serviceId));
      pending.set(serviceId, inFlight);
    }
    return inFlight;
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The plugin. A refusal cannot be thrown where it is decided: Apollo Server answers an exception from
 * `requestDidStart` with a 500, and an unknown hash with `PERSISTED_QUERY_NOT_FOUND` (asking for the text)
 * before any later hook. So a refused request's text is replaced by a trivial stand-in, its persisted-query
 * extension and variables dropped, and `didResolveOperation` — the first hook whose errors Apollo Server answers
 * as they are — refuses it, before the gateway plans anything.
 */
export function persistedOperations<C extends { principal: Principal }>(
  allowList: (serviceId: string) => Promise<AllowList>,
  { requireManifest = false }: { requireManifest?: boolean } = {},
): ApolloServerPlugin<C> {
  return {
    async requestDidStart(requestContext: GraphQLRequestContext<C>) {
      const { principal } = requestContext.contextValue;
      if (principal.kind !== 'SERVICE') return;
      let operations: ReadonlyMap<string, string> | null;
      try {
        ({ operations } = await allowList(principal.serviceId));
      } catch {
        // Fail closed: without its manifest the gateway cannot tell what the account may run.
        return refuseLater(
          requestContext,
          new AppError(
            'SUBGRAPH_UNAVAILABLE',
            'Проверка разрешённых операций временно недоступна: сервис «people» не отвечает. Повторите попытку позже.',
            { service: 'people', http: { status: 503 } },
          ),
        );
      }
      if (!operations && !requireManifest) return;
      if (!operations) {
        return refuseLater(
          requestContext,
          new AppError(
            PERSISTED_QUERY_NOT_ALLOWED,
            'У внешней системы нет действующего манифеста операций: её операции регистрирует региональный оператор.',
            { http: { status: 403 } },
          ),
        );
      }
      const request = requestContext.request;
      const hash = (request.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      const text = request.query ?? (typeof hash === 'string' ? operations.get(hash) : undefined);
      if (text !== undefined && operations.has(sha256(text)) && (hash === undefined || hash === sha256(text))) {
        request.query = text;
        return;
      }
      return refuseLater(
        requestContext,
        new AppError(
          PERSISTED_QUERY_NOT_ALLOWED,
          'Внешней системе разрешены только операции её манифеста. Отправьте sha256Hash или текст операции из ' +
            'действующей версии манифеста; новые операции регистрирует региональный оператор.',
          { http: { status: 403 } },
        ),
      );
    },
  };
}

/** Carries a refused request to `didResolveOperation` with a stand-in text, and refuses it there. */
function refuseLater<C extends { principal: Principal }>(requestContext: GraphQLRequestContext<C>, error: AppError) {
  const request = requestContext.request;
  request.query = REFUSED;
  request.operationName = 'PersistedQueryNotAllowed';
  request.variables = {};
  if (request.extensions) delete request.extensions['persistedQuery'];
  return {
    async didResolveOperation() {
      throw error;
    },
  };
}
