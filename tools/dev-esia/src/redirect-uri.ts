/**
 * Where the login page may send a token. The token travels in the URL fragment, so an open redirect would
 * hand a valid ESIA-shaped token to any site that links here: only local development origins are allowed.
 */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The parsed redirect_uri if it is a local http(s) URL without credentials or fragment, else null. */
export function allowedRedirectUri(raw: string | null): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!LOCAL_HOSTS.has(url.hostname)) return null;
  // RFC 6749 §3.1.2: a redirection URI must not carry a fragment; credentials only serve to disguise the host.
  if (url.hash || url.username || url.password) return null;
  return url;
}

/** `redirect_uri#access_token=…&token_type=Bearer&expires_in=…&state=…` (implicit-grant response). */
export function tokenRedirect(target: URL, token: string, expiresIn: number, state: string | null): string {
  const fragment = new URLSearchParams({ access_token: token, token_type: 'Bearer', expires_in: String(expiresIn) });
  if (state !== null) fragment.set('state', state);
  return `${target.href}#${fragment.toString()}`;
}
