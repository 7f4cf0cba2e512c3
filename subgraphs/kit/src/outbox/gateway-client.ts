/**
 * Delivery through the gateway as a service account: an outbox deliverer sends a GraphQL mutation to the
 * platform's gateway with a client-credentials token (the account's scopes, e.g. `movement:write`, decide
 * what it may do), as any external system would. The receiver makes the mutation idempotent (a key in its
 * input), so the worker's at-least-once delivery records it once.
 */
import { DeliveryError } from './worker.ts';

export interface GatewayClientOptions {
  /** The gateway's `/graphql`. */
  gatewayUrl: string;
  /** A bearer token of the service account (`serviceTokenProvider`). */
  token: () => Promise<string>;
  /** Per request. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** GraphQL error codes that a retry cannot change: the message is dead at once. */
export const PERMANENT_GRAPHQL_CODES: ReadonlySet<string> = new Set([
  'FORBIDDEN',
  'CONFLICT',
  'BAD_USER_INPUT',
  'NOT_FOUND',
]);

/**
 * Sends one operation and resolves with its `data`. Throws `DeliveryError`: retryable on a 5xx answer or a
 * GraphQL error of another code; permanent on an error of `PERMANENT_GRAPHQL_CODES` or another refusal
 * (4xx). A network failure or timeout rejects with the fetch error, which the worker retries.
 */
export function gatewayClient(options: GatewayClientOptions) {
  const send = options.fetch ?? fetch;
  return async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
    const response = await send(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token()}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status >= 500) throw new DeliveryError(`gateway answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const error = body?.errors?.[0];
    if (error) {
      throw new DeliveryError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`, {
        permanent: PERMANENT_GRAPHQL_CODES.has(error.extensions?.code ?? ''),
      });
    }
    if (!response.ok || !body?.data)
      throw new DeliveryError(`gateway answered ${response.status}`, { permanent: response.status < 500 });
    return body.data;
  };
}

/** Client-credentials tokens from the token endpoint, reused until a minute before they expire. */
export function serviceTokenProvider(options: {
  url: string;
  clientId: string;
  fetch?: typeof fetch;
}): () => Promise<string> {
  const send = options.fetch ?? fetch;
  let cached: { token: string; until: number } | null = null;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    const response = await send(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: options.clientId }),
    });
    if (!response.ok) throw new DeliveryError(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
    return cached.token;
  };
}
