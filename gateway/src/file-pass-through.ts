/**
 * Files through the gateway (issue 15): `/files/people/…` (message attachments, §1) is passed to the people
 * subgraph and every other `/files/…` (homework files, §2) to learning, as it is,
 * streamed both ways, so the browser talks to one origin and the subgraphs stay unexposed. The path's signed
 * ticket is the request's only credential and learning checks it; the gateway adds nothing and forwards no
 * `Authorization` or cookie.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson, REQUEST_ID_HEADER, type Logger } from '@region/kit';

const FORWARDED_REQUEST = ['content-type', 'content-length', REQUEST_ID_HEADER];
const FORWARDED_RESPONSE = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-security-policy',
  'cache-control',
  'connection',
  'x-content-type-options',
];

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;

/** Passes `prefix…` to the subgraph `service` at `upstreamUrl`. */
export function filePassThrough(
  upstreamUrl: string | undefined,
  logger: Logger,
  { prefix, service }: { prefix: string; service: string } = { prefix: '/files/', service: 'learning' },
): Route {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!upstreamUrl || !path.startsWith(prefix)) return false;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return new Promise<boolean>((resolve) => {
      const upstream = httpRequest(new URL(path, upstreamUrl), { method: request.method, headers }, (answer) => {
        const out: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE) {
          const value = answer.headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        response.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(response);
        answer.on('end', () => resolve(true));
        answer.on('error', () => {
          response.destroy();
          resolve(true);
        });
      });
      upstream.on('error', (error) => {
        logger.warn({ err: error, service }, 'file pass-through failed');
        if (!response.headersSent)
          sendJson(response, 503, {
            errors: [
              {
                message: 'Файлы сейчас недоступны: попробуйте позже.',
                extensions: { code: 'SUBGRAPH_UNAVAILABLE', service },
              },
            ],
          });
        else response.destroy();
        request.resume();
        resolve(true);
      });
      request.pipe(upstream);
    });
  };
}

/** The first route that handles the request wins. */
export function routesInOrder(...routes: (Route | undefined)[]): Route {
  return async (request, response) => {
    for (const route of routes) if (route && (await route(request, response))) return true;
    return false;
  };
}
