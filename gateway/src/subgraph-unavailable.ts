/**
 * A subgraph that does not answer (issue 9, §7). Before, the client got one masked INTERNAL_SERVER_ERROR
 * without path or service, and the gateway logged a full stack per request (~900/s while a subgraph was
 * down). Now the fields that subgraph was asked for are null, each with `SUBGRAPH_UNAVAILABLE`, the
 * service's name and its path, the other subgraphs' data is returned, and the log says it once per burst.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { currentRequestId, injectTraceHeaders, REQUEST_ID_HEADER, type Logger } from '@region/kit';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { isTimeout } from './subgraph-fetch.ts';

/** Errors of the connection itself (refused, reset, timed out, no route, DNS) rather than of an answer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);
/** A proxy or load balancer in front of a subgraph answers these while it is down. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

export function isUnavailable(error: unknown): boolean {
  // A subgraph that took the request and did not answer within `SUBGRAPH_TIMEOUT_MS` (`subgraph-fetch.ts`).
  if (isTimeout(error)) return true;
  if (error instanceof GraphQLError) {
    const status = (error.extensions['response'] as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' && UNAVAILABLE_STATUSES.has(status);
  }
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Logs an outage once when it starts, then at most once per `windowMs` with the number of failed requests,
 * and once when the service answers again.
 */
export function outageLog(logger: Logger, windowMs = 10_000, now = Date.now) {
  const outages = new Map<string, { since: number; reportedAt: number; failures: number }>();
  return {
    failed(service: string, error: unknown) {
      const at = now();
      const outage = outages.get(service);
      if (!outage) {
        outages.set(service, { since: at, reportedAt: at, failures: 1 });
        logger.error(
          { service, reason: error instanceof Error ? error.message : String(error) },
          'subgraph unavailable',
        );
        return;
      }
      outage.failures += 1;
      if (at - outage.reportedAt >= windowMs) {
        outage.reportedAt = at;
        logger.error(
          { service, failures: outage.failures, downForMs: at - outage.since },
          'subgraph still unavailable',
        );
      }
    },
    answered(service: string) {
      const outage = outages.get(service);
      if (!outage) return;
      outages.delete(service);
      logger.info({ service, failures: outage.failures, downForMs: now() - outage.since }, 'subgraph available again');
    },
  };
}
export type OutageLog = ReturnType<typeof outageLog>;

/**
 * One error per field the failed fetch would have filled, with the path in the subgraph's answer; the
 * gateway maps it to the client's path (`_entities.3.diary` → `me.person.children.3.diary`).
 */
export function unavailableErrors(
  service: string,
  query: string,
  representations: number,
  timedOut = false,
): GraphQLFormattedError[] {
  // A timeout is the same fault for the client (the data did not come, retry later) under the same code;
  // `reason` tells an operator which of the two it was.
  const message = timedOut
    ? `Сервис «${service}» не ответил вовремя: эти данные не получены. Повторите запрос позже.`
    : `Сервис «${service}» временно недоступен: эти данные не получены. Повторите запрос позже.`;
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', service, ...(timedOut ? { reason: 'TIMEOUT' } : {}) };
  const operation = parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [{ message, extensions }];
  const roots = responseKeys(operation.selectionSet);
  const entities = operation.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
  if (entities?.kind !== Kind.FIELD || !entities.selectionSet) {
    return roots.map((key) => ({ message, path: [key], extensions }));
  }
  const fields = responseKeys(entities.selectionSet);
  return Array.from({ length: representations }, (_, index) =>
    fields.map((key) => ({ message, path: ['_entities', index, key], extensions })),
  ).flat();
}

function responseKeys(selectionSet: SelectionSetNode): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const key of responseKeys(selection.selectionSet)) keys.add(key);
    }
  }
  return [...keys];
}

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** How each fetch ended, for the gateway's per-subgraph metrics (`app.ts`). */
export type FetchOutcome = 'ok' | 'error' | 'unavailable';
export type FetchObserver = (service: string) => (outcome: FetchOutcome) => void;

/**
 * A subgraph's data source that answers for it, field by field, while it does not answer. Every fetch
 * carries the request's id and trace (`x-request-id`, W3C `traceparent`: issue 10 §4) besides what the
 * configured `willSendRequest` adds.
 */
export class SubgraphDataSource<C extends Record<string, any>> extends RemoteGraphQLDataSource<C> {
  constructor(
    private readonly service: string,
    private readonly outages: OutageLog,
    config: Partial<RemoteGraphQLDataSource<C>>,
    private readonly observe: FetchObserver = () => () => {},
  ) {
    super(config);
    const configured = this.willSendRequest;
    this.willSendRequest = async (options) => {
      const headers = options.request.http?.headers;
      if (headers) {
        const requestId = currentRequestId();
        if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
        injectTraceHeaders((name, value) => headers.set(name, value));
      }
      await configured?.call(this, options);
    };
  }

  override async process(options: GraphQLDataSourceProcessOptions<C>): Promise<GatewayGraphQLResponse> {
    const settled = this.observe(this.service);
    try {
      const response = await super.process(options);
      this.outages.answered(this.service);
      settled(response.errors?.length ? 'error' : 'ok');
      return response;
    } catch (error) {
      if (!isUnavailable(error)) {
        settled('error');
        throw error;
      }
      settled('unavailable');
      this.outages.failed(this.service, error);
      const representations = options.request.variables?.['representations'];
      return {
        errors: unavailableErrors(
          this.service,
          options.request.query ?? '',
          Array.isArray(representations) ? representations.length : 0,
          isTimeout(error),
        ),
      };
    }
  }
}
