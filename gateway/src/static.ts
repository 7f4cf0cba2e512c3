/**
 * Serves the built web client at `/` (single-page app: unknown paths get index.html) and its run-time
 * configuration at `/config.json` (where the ESIA login page is), so one build runs against any ESIA.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  // GraphiQL's editor brings its icon font (issue 12).
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/**
 * The client talks only to its own origin; the page may not be framed (clickjacking of marks and
 * applications). Inline styles are allowed for computed widths (chart bars), scripts are not.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface WebClientConfig {
  /** The ESIA login page the client sends a person to (`?redirect_uri=…&state=…`). */
  esiaLoginUrl: string;
  /** The region's time zone the client shows moments in (the subgraphs' `REGION_TIME_ZONE`). */
  regionTimeZone: string;
}

export function webClient(root: string, config: WebClientConfig) {
  const configJson = JSON.stringify(config);
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = decodedPath(request.url ?? '/');
    if (pathname === null) {
      // `GET /%E0%A4%A` answered 500 when decodeURIComponent threw: a malformed address is the client's.
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
      response.end(
        JSON.stringify({ errors: [{ message: 'Неверный адрес страницы.', extensions: { code: 'BAD_USER_INPUT' } }] }),
      );
      return true;
    }
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(configJson);
      return true;
    }
    let file = join(root, normalize(pathname));
    // normalize() keeps a leading `..` out of `root`; anything else falls back to the app shell.
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return false;
    // Vite names assets by content hash: they never change; the shell is always revalidated.
    const cache = file.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
      ...SECURITY_HEADERS,
    });
    createReadStream(file).pipe(response);
    return true;
  };
}

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
}
