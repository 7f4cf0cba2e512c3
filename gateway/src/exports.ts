/**
 * `/exports/<subgraph>/<export>?t=<link>` (issues 12, 15): the gateway passes a download through to the
 * subgraph that streams it, so the browser reaches every file at the gateway's own origin (the CSP's
 * `'self'`, one public address) and subgraphs stay unreachable from outside. The link itself is the
 * credential (a browser download sends no bearer token); the subgraph checks it and reruns every access check.
 * The gateway adds its own internal token, as for `/graphql`, and streams the body without holding it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORTS_PATH, REQUEST_ID_HEADER, currentRequestId, sendJson, type Logger, type Principal } from '@region/kit';

const PASSED_HEADERS = ['content-type', 'content-disposition'] as const;
const NAME = /^[a-z][a-z0-9-]{0,40}$/;

export function exportsPassThrough(options: {
  subgraphUrls: Record<string, string>;
  sign: (principal: Principal) => Promise<string>;
  logger: Logger;
}) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (!request.url?.startsWith(EXPORTS_PATH)) return false;
    const url = new URL(request.url, 'http://localhost');
    const [subgraph = '', exportName = '', ...rest] = url.pathname.slice(EXPORTS_PATH.length).split('/');
    const base = Object.hasOwn(options.subgraphUrls, subgraph) ? options.subgraphUrls[subgraph] : undefined;
    if (request.method !== 'GET' || !base || !NAME.test(exportName) || rest.length > 0) {
      sendJson(response, 404, { errors: [{ message: 'Файл не найден.', extensions: { code: 'NOT_FOUND' } }] });
      return true;
    }
    const abort = new AbortController();
    response.once('close', () => abort.abort());
    const target = new URL(`${EXPORTS_PATH}${subgraph}/${exportName}${url.search}`, base);
    const requestId = currentRequestId();
    const upstream = await fetch(target, {
      headers: {
        authorization: `Bearer ${await options.sign({ kind: 'GATEWAY' })}`,
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      },
      signal: abort.signal,
    });
    const headers: Record<string, string> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    response.writeHead(upstream.status, headers);
    if (!upstream.body) {
      response.end();
      return true;
    }
    try {
      await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), response);
    } catch (error) {
      // A reader who closed the download is not a failure; a subgraph that cut the file off is.
      if (!abort.signal.aborted) options.logger.warn({ err: error, subgraph, exportName }, 'export cut off');
    }
    return true;
  };
}
