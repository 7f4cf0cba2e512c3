/**
 * The request id (issue 10 §4): the gateway takes a caller's `x-request-id` or makes one, answers with it,
 * and sends it on every subgraph fetch; each service runs the request inside an async scope holding it, so
 * every log line written while the request runs carries it (the kit's logger reads it, `logger.ts`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What a caller may send: short, and only characters that cannot break a log line or a header (a UUID, a
 * load balancer's trace id). Anything else is replaced, never echoed.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function acceptRequestId(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && ACCEPTED_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `work` as part of the request `requestId`: its log lines and subgraph fetches carry the id. */
export function runInRequest<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
