/**
 * ESIA-shaped access tokens (DESIGN.md, flow of a request). The subject is `urn:esia:sbj_id`, the oid as a
 * number, exactly like ESIA: the platform keys people by it, never by e-mail (rule 5a). Like ESIA's access
 * tokens these carry no `sub`.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { DemoAccount } from '@region/db/demo/accounts';
import { SIGNING_ALG, type SigningKeys } from './keys.ts';

export const ESIA_SCOPE = 'openid fullname birthdate gender snils id_doc';
export const DEFAULT_TTL_SECONDS = 3600;

export interface TokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export async function signAccessToken(
  keys: SigningKeys,
  settings: TokenSettings,
  account: DemoAccount,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    scope: ESIA_SCOPE,
    client_id: settings.audience,
    'urn:esia:sid': randomUUID(),
    'urn:esia:sbj_id': Number(account.oid),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + settings.ttlSeconds)
    .sign(keys.privateKey);
}

/** The oid of a token this server signed and that is still valid, or null for anything else. */
export async function verifyAccessToken(
  keys: SigningKeys,
  settings: TokenSettings,
  token: string,
): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: [SIGNING_ALG],
    });
    const subject = payload['urn:esia:sbj_id'];
    return typeof subject === 'number' && Number.isSafeInteger(subject) ? String(subject) : null;
  } catch {
    return null;
  }
}

/**
 * A client-credentials token for an external system (ЕПГУ, a municipal IS). In production systems get
 * their tokens from the platform's own authorization server, not from ESIA; dev ESIA plays both roles.
 * The `urn:region:client_id` claim marks it: ESIA never issues it, and such a token has no ESIA subject.
 */
export async function signServiceToken(keys: SigningKeys, settings: TokenSettings, clientId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'service', client_id: clientId, 'urn:region:client_id': clientId })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(`service:${clientId}`)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + settings.ttlSeconds)
    .sign(keys.privateKey);
}
