/**
 * Download links for streamed exports (issues 12, 15). A GraphQL field checks the request exactly as a list or
 * report would (scopes at the gateway, row scope here) and answers a short-lived link; the browser then opens
 * the link like any download, so the file streams to disk instead of passing through JSON and memory.
 *
 * The link is a JWT (HS256, `jose`) bound to the subgraph and the export (`aud`), the principal the gateway
 * established for the asking request, and the export's parameters, for `EXPORT_LINK_TTL_SECONDS`. It is a
 * bearer credential for that one file only: the route reruns every check with the principal it carries, so a
 * link can never show more than the GraphQL answer showed, and a tampered or expired one is refused (401).
 * The key is derived from `CURSOR_SECRET` (HKDF, its own label), which every replica of a service shares.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Principal } from './principal.ts';

/** How long a download link works: long enough to start a download, short enough to be useless if leaked. */
export const EXPORT_LINK_TTL_SECONDS = 60;
/** The path prefix the gateway passes through to a subgraph: `/exports/<subgraph>/<export>?t=<link>`. */
export const EXPORTS_PATH = '/exports/';

const ISSUER = 'region-exports';
let linkKey: Uint8Array | null = null;

/** Derives the link key from the process's secret (`CURSOR_SECRET`), once at start. */
export function configureExportLinkSecret(secret: string): void {
  linkKey = new Uint8Array(hkdfSync('sha256', secret, 'region-platform', 'export-link', 32));
}

function key(): Uint8Array {
  linkKey ??= new Uint8Array(randomBytes(32));
  return linkKey;
}

export interface ExportLink {
  /** Relative to the gateway's public origin: the web client opens it as it is. */
  url: string;
  expiresAt: Date;
}

export async function signExportLink(options: {
  subgraph: string;
  exportName: string;
  principal: Principal;
  params: unknown;
  now: Date;
}): Promise<ExportLink> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const expiresAt = issuedAt + EXPORT_LINK_TTL_SECONDS;
  const token = await new SignJWT({ principal: options.principal, params: options.params })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(`${options.subgraph}/${options.exportName}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key());
  return {
    url: `${EXPORTS_PATH}${options.subgraph}/${options.exportName}?t=${token}`,
    expiresAt: new Date(expiresAt * 1000),
  };
}

/** A refused link: 401 when it is not ours or no longer valid, 403 when it names another export. */
export class ExportLinkRefused extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export async function verifyExportLink(
  token: string,
  options: { subgraph: string; exportName: string; now: Date },
): Promise<{ principal: Principal; params: unknown }> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: ISSUER,
      audience: `${options.subgraph}/${options.exportName}`,
      algorithms: ['HS256'],
      currentDate: options.now,
    });
    const principal = payload['principal'] as Principal | undefined;
    if (!principal || (principal.kind !== 'PERSON' && principal.kind !== 'SERVICE'))
      throw new ExportLinkRefused(403, 'Ссылка выдана не для этого пользователя.');
    return { principal, params: payload['params'] };
  } catch (error) {
    if (error instanceof ExportLinkRefused) throw error;
    if (error instanceof joseErrors.JWTExpired)
      throw new ExportLinkRefused(401, 'Ссылка на файл устарела. Нажмите «Скачать» ещё раз.');
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud')
      throw new ExportLinkRefused(403, 'Ссылка выдана для другого файла.');
    throw new ExportLinkRefused(401, 'Ссылка на файл недействительна. Нажмите «Скачать» ещё раз.');
  }
}

/** `Content-Disposition` for a Cyrillic file name (RFC 6266 / 5987), with an ASCII fallback. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
