/**
 * Which browser pages may call `/graphql` (issue 9, §6): the gateway's own origin, which serves the web
 * client, and the configured list (`CORS_ORIGINS`) — never `*`. A refused origin gets no
 * `access-control-allow-origin`, so the browser neither sends its preflighted request nor shows it the
 * answer.
 */
import type { IncomingMessage } from 'node:http';

const ALLOWED = {
  'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
};

/** The origin the request was addressed to, as the browser that sent it sees it. */
function ownOrigins(request: IncomingMessage): string[] {
  const host = request.headers.host;
  return host ? [`http://${host}`, `https://${host}`] : [];
}

export function corsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: IncomingMessage): Record<string, string> => {
    // The answer differs by Origin: a shared cache must not serve one origin's headers to another.
    const headers: Record<string, string> = { vary: 'Origin' };
    const origin = request.headers.origin;
    if (origin && (allowed.has(origin) || ownOrigins(request).includes(origin))) {
      return { ...headers, 'access-control-allow-origin': origin, ...ALLOWED };
    }
    return headers;
  };
}
