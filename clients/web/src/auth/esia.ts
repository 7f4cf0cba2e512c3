/**
 * Signing in through ESIA: to the login page with a random `state`, back to `/auth/callback` with the token
 * in the URL fragment (the fragment never reaches a server log). The state check stops a forged callback
 * from signing the person in as someone else (login CSRF).
 */
import { clientConfig } from '../config.ts';
import { startSession } from './session.ts';

const STATE_KEY = 'region.login-state';
const RETURN_KEY = 'region.return-to';

export async function redirectToEsia(returnTo: string): Promise<void> {
  const { esiaLoginUrl } = await clientConfig();
  const state = crypto.randomUUID();
  sessionStorage.setItem(STATE_KEY, state);
  sessionStorage.setItem(RETURN_KEY, returnTo);
  const url = new URL(esiaLoginUrl);
  url.searchParams.set('redirect_uri', `${location.origin}/auth/callback`);
  url.searchParams.set('state', state);
  url.searchParams.set('response_type', 'token');
  location.assign(url.href);
}

export type CallbackResult = { ok: true; returnTo: string } | { ok: false; message: string };

export function completeSignIn(fragment: string): CallbackResult {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const expected = sessionStorage.getItem(STATE_KEY);
  sessionStorage.removeItem(STATE_KEY);
  const error = params.get('error');
  if (error) return { ok: false, message: 'Госуслуги не подтвердили вход. Попробуйте войти ещё раз.' };
  const token = params.get('access_token');
  if (!token || !expected || params.get('state') !== expected) {
    return { ok: false, message: 'Ответ Госуслуг не относится к этому входу. Начните вход заново.' };
  }
  startSession(token, Number(params.get('expires_in') ?? 3600));
  const returnTo = sessionStorage.getItem(RETURN_KEY) ?? '/';
  sessionStorage.removeItem(RETURN_KEY);
  return { ok: true, returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/' };
}
