/**
 * How the gateway reaches its subgraphs (issue 13 §4). `RemoteGraphQLDataSource` fetched through
 * make-fetch-happen, whose agent inspects a stack trace on every request to learn whether the endpoint is
 * secure: about a tenth of the gateway's CPU for the guardian's `me`. One keep-alive undici pool per
 * process serves every subgraph instead, through undici's `request` rather than its WHATWG `fetch`, whose
 * web streams cost about as much again as the whole of the rest of a subgraph fetch.
 *
 * Every fetch is also bounded in time: before, a subgraph that accepted the connection and never answered
 * held the client's request open for as long as the client waited. Past `timeoutMs` (headers and body
 * together) the fetch fails with a `TimeoutError`, which the data source answers like any other
 * unavailable subgraph (`subgraph-unavailable.ts`): the fields it would have filled are null with
 * `SUBGRAPH_UNAVAILABLE`, the others are returned.
 */
import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request, type Dispatcher } from 'undici';

export type SubgraphFetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;

/** The default of `SUBGRAPH_TIMEOUT_MS`: the slowest legitimate answer (an analyst's report) stays well under it. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * The fetch was cut off by its timeout: `AbortSignal.timeout` rejects the fetch, or the body still being read,
 * with a `TimeoutError` (which nothing else the gateway does raises).
 */
export function isTimeout(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    if ((cause as { name?: unknown }).name === 'TimeoutError') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

export interface SubgraphFetchOptions {
  timeoutMs?: number;
}

export interface SubgraphHttp {
  fetch: SubgraphFetcher;
  close(): Promise<void>;
}

export function subgraphHttp(options: SubgraphFetchOptions = {}): SubgraphHttp {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  // undici's keep-alive (4 s idle, or less when the subgraph's `Keep-Alive: timeout=` says so) stays under
  // Node's 5 s server default, so the gateway never reuses a connection the subgraph is closing.
  const agent = new Agent();
  // The data source reads the body later under the same signal, so a subgraph that sends its headers and
  // then stalls is cut off too.
  const fetcher = async (url: string, init: Parameters<SubgraphFetcher>[1] = {}) => {
    const answer = await request(url, {
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: agent,
    });
    return new SubgraphResponse(url, answer.statusCode, answer.headers, answer.body);
  };
  let closed: Promise<void> | undefined;
  // The gateway may be stopped twice (a test's `stopGateway`, then the platform's stop); undici refuses a
  // second close.
  return { fetch: fetcher as unknown as SubgraphFetcher, close: () => (closed ??= agent.close()) };
}

/**
 * What `RemoteGraphQLDataSource` and the principal resolver read of a response (status, headers, the body as
 * JSON or text), over undici's `request` answer.
 */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly redirected = false;
  readonly headers = new Headers();

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: Dispatcher.ResponseData['body'],
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) this.headers.append(name, one);
    }
  }

  get bodyUsed(): boolean {
    return this.body.bodyUsed;
  }
  text(): Promise<string> {
    return this.body.text();
  }
  json(): Promise<unknown> {
    return this.body.json();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.arrayBuffer();
  }
  clone(): never {
    throw new Error('a subgraph response is read once');
  }
}
