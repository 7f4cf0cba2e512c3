/**
 * One subgraph asking another on the caller's behalf: a GraphQL document POSTed to the other subgraph with the
 * request's own internal token, so the asked subgraph's row scope and `@access` apply and the asker mints
 * nothing (issue 9 trust). The asker names its own error: no answer — not configured, refused connection,
 * timeout, a non-2xx status, a body that is not JSON, no `data` — is that error, never a guess or an empty answer.
 */
import type { AppError } from './errors.ts';

export interface AskSubgraphOptions {
  /** The asked subgraph's `/graphql`; undefined when it is not configured (then the answer is `unavailable`). */
  url: string | undefined;
  /** The request's internal token. */
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  /** 5 s unless told: the asker's own request waits on it. */
  timeoutMs?: number;
  /** The error to throw when the subgraph gives no answer (each asker words its own Russian message). */
  unavailable: () => AppError;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** The `data` of the answer; partial data with `errors` is returned as is (a refused field is null there). */
export async function askSubgraph<T>(options: AskSubgraphOptions): Promise<T> {
  const { url, token, query, variables = {}, timeoutMs = DEFAULT_TIMEOUT_MS, unavailable } = options;
  if (!url) throw unavailable();
  let body: unknown;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = response.ok ? await response.json() : null;
  } catch {
    throw unavailable();
  }
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (typeof data !== 'object' || data === null) throw unavailable();
  return data as T;
}

export interface AskEntitiesOptions extends Omit<AskSubgraphOptions, 'variables'> {
  /** The `_entities` representations, e.g. `{ __typename: 'Person', id }`. */
  representations: readonly Record<string, unknown>[];
}

/**
 * The `_entities` answer for `representations` (the request the query planner sends for a reference), one entry
 * per representation in order, null where the asked subgraph does not resolve it. `query` must take
 * `$representations: [_Any!]!`.
 */
export async function askEntities<E>(options: AskEntitiesOptions): Promise<(E | null)[]> {
  const { representations, ...rest } = options;
  const data = await askSubgraph<{ _entities?: unknown }>({ ...rest, variables: { representations } });
  if (!Array.isArray(data._entities)) throw options.unavailable();
  return data._entities as (E | null)[];
}
