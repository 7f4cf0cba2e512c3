/**
 * Homework files through the gateway (issue 15 §2): `/files/…` is passed to the learning subgraph as it is,
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

export function filePassThrough(learningUrl: string | undefined, logger: Logger): Route {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!learningUrl || !path.startsWith('/files/')) return false;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return new Promise<boolean>((resolve) => {
      const upstream = httpRequest(new URL(path, learningUrl), { method: request.method, headers }, (answer) => {
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
        logger.warn({ err: error }, 'file pass-through to learning failed');
        if (!response.headersSent)
          sendJson(response, 503, {
            errors: [
              {
                message: 'Файлы сейчас недоступны: попробуйте позже.',
                extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'learning' },
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
