/**
 * The signed-in session: the ESIA access token and when it expires, kept in sessionStorage (per tab, gone
 * when the tab closes — school computers are shared). A small external store so React re-renders on change.
 */
import { useSyncExternalStore } from 'react';

/** The gateway's login refusals (`gateway/src/auth/principal.ts`), each with its own page in `pages.tsx`. */
export const LOGIN_REFUSAL_CODES = [
  'ACCOUNT_NOT_LINKED',
  'CONSENT_REQUIRED',
  'DUPLICATE_RECORDS',
  'CHILD_UNDER_14',
] as const;
export type LoginRefusalCode = (typeof LOGIN_REFUSAL_CODES)[number];

export function isLoginRefusalCode(code: unknown): code is LoginRefusalCode {
  return (LOGIN_REFUSAL_CODES as readonly unknown[]).includes(code);
}

export type Session =
  | { kind: 'signedOut'; reason: 'none' | 'signedOut' | 'expired' }
  | { kind: 'signedIn'; token: string; expiresAt: number }
  /** ESIA let the person in, but the platform refused the login (DOMAIN.md rules 1–5a). */
  | { kind: 'refused'; token: string; code: LoginRefusalCode; message: string };

const KEY = 'region.session';
const listeners = new Set<() => void>();

function read(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (stored?.kind === 'signedIn' && stored.expiresAt <= Date.now()) return { kind: 'signedOut', reason: 'expired' };
    return stored ?? { kind: 'signedOut', reason: 'none' };
  } catch {
    return { kind: 'signedOut', reason: 'none' };
  }
}

let current = read();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: Session): void {
  current = next;
  sessionStorage.setItem(KEY, JSON.stringify(next));
  clearTimeout(expiryTimer);
  // A tab left open past the token's lifetime goes back to the sign-in page on its own.
  if (next.kind === 'signedIn') expiryTimer = setTimeout(expire, Math.max(0, next.expiresAt - Date.now()));
  listeners.forEach((listener) => listener());
}

export function getSession(): Session {
  return current;
}

export function startSession(token: string, expiresInSeconds: number): void {
  set({ kind: 'signedIn', token, expiresAt: Date.now() + expiresInSeconds * 1000 });
}

export function refuseSession(code: LoginRefusalCode, message: string): void {
  if (current.kind === 'signedOut') return;
  set({ kind: 'refused', token: current.token, code, message });
}

/** The token was refused or ran out: back to the sign-in page with a notice. */
export function expire(): void {
  if (current.kind === 'signedOut') return;
  set({ kind: 'signedOut', reason: 'expired' });
}

export function signOut(): void {
  set({ kind: 'signedOut', reason: 'signedOut' });
}

export function bearerToken(): string | null {
  return current.kind === 'signedOut' ? null : current.token;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, getSession);
}

if (current.kind === 'signedIn') set(current);
