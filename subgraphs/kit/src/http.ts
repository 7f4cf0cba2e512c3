/**
 * A minimal node:http integration for Apollo Server: `/health`, and `/graphql` behind an authentication
 * step. Shared by the subgraphs (internal token) and the gateway (ESIA token).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from './logger.ts';
import type { Registry } from 'prom-client';
import { serveMetrics } from './metrics.ts';
import { acceptRequestId, REQUEST_ID_HEADER, runInRequest } from './request-context.ts';
import { withServerSpan } from './tracing.ts';

const MAX_BODY_BYTES = 1_000_000;

export interface HttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  logger: Logger;
  /**
   * Builds the request context, or answers the request itself (401…) by returning a `Response`-like
   * object. Runs before the body is parsed, so a request without credentials costs nothing.
   */
  context: (request: IncomingMessage) => Promise<C | HttpRefusal>;
  /** Extra routes (the gateway serves the web client). Return true when handled. */
  routes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;
  health?: () => Promise<boolean>;
  /** CORS headers for a request to `/graphql`; by default any origin (the gateway passes its allow-list). */
  cors?: (request: IncomingMessage) => Record<string, string>;
  /** The service's name on its server spans (issue 10 §4). */
  service?: string;
  /** Served as Prometheus text at `/metrics` (`metrics.ts` decides who may read it). */
  metrics?: Registry;
}

export class HttpRefusal {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export function createHttpServer<C extends BaseContext>(options: HttpOptions<C>): Server {
  return createServer((request, response) => {
    // Every answer names its request id, and everything done for the request runs inside its scope.
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    runInRequest(requestId, () => handle(options, request, response)).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Внутренняя ошибка сервера.' }] });
      else response.end();
    });
  });
}

async function handle<C extends BaseContext>(
  options: HttpOptions<C>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    const healthy = options.health ? await options.health() : true;
    sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
    return;
  }
  if (url.pathname === '/metrics' && options.metrics) {
    await serveMetrics(options.metrics, request, response);
    return;
  }
  if (url.pathname !== '/graphql') {
    if (options.routes && (await options.routes(request, response))) return;
    sendJson(response, 404, { error: 'not found' });
    return;
  }
  if (request.method === 'OPTIONS') {
    response.writeHead(204, (options.cors ?? corsHeaders)(request)).end();
    return;
  }
  await withServerSpan(options.service ?? 'graphql', request, response, () => answer(options, request, response, url));
}

async function answer<C extends BaseContext>(
  options: HttpOptions<C>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const context = await options.context(request);
  if (context instanceof HttpRefusal) {
    // An allowed page must be able to read a refusal (401: sign in again) as it reads an answer.
    sendJson(response, context.status, context.body, { ...(options.cors ?? corsHeaders)(request), ...context.headers });
    return;
  }
  const body = request.method === 'POST' ? await readJson(request) : undefined;
  if (body instanceof HttpRefusal) {
    sendJson(response, body.status, body.body);
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: async () => context,
  });
  // nosniff: a browser never renders a GraphQL answer (or an error quoting the input) as HTML or script.
  const outHeaders: Record<string, string> = {
    ...(options.cors ?? corsHeaders)(request),
    'x-content-type-options': 'nosniff',
  };
  for (const [name, value] of result.headers) outHeaders[name] = value;
  response.writeHead(result.status ?? 200, outHeaders);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return new HttpRefusal(413, { errors: [{ message: 'Запрос слишком большой.' }] });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return new HttpRefusal(400, {
      errors: [{ message: 'Тело запроса — не JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  }
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** Listens and resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** How long a stopping server lets its in-flight requests run before it cuts them off. */
export const DRAIN_GRACE_MS = 10_000;
const IDLE_SWEEP_MS = 50;

/**
 * Stops a server the way Apollo's drain plugin (`ApolloServerPluginDrainHttpServer`) does: stop accepting
 * connections, close the idle keep-alive ones, let the requests in flight finish (their responses say
 * `Connection: close`, and each connection is closed as soon as it falls idle), and only after `graceMs`
 * cut off what is still running. Resolves when every connection is gone, so pools can be closed next.
 */
export function closeServer(server: Server, graceMs = DRAIN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const closeAfterResponse = (_request: IncomingMessage, response: ServerResponse) => {
      if (!response.headersSent) response.setHeader('connection', 'close');
    };
    server.on('request', closeAfterResponse);
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    cutOff.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cutOff);
      server.off('request', closeAfterResponse);
      resolve();
    });
    server.closeIdleConnections();
  });
}
