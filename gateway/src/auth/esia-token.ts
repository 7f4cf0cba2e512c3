/**
 * Verification of ESIA access tokens. Real ESIA signs with GOST algorithms; the platform accepts tokens
 * re-signed by an ESIA broker with a standard algorithm, so the allow-list names only those — `none` and
 * HMAC (which would let anyone holding the public key forge tokens) are refused by construction.
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

export type EsiaIdentity =
  | {
      kind: 'person';
      /** `urn:esia:sbj_id`, the ESIA oid: the subject key (rule 5a), never the e-mail. */
      oid: string;
      /** `urn:esia:sid`, the ESIA session. */
      sid: string | null;
      expiresAt: number;
    }
  /** An external system with client credentials (`urn:region:client_id`, never issued by ESIA itself). */
  | { kind: 'service'; clientId: string; expiresAt: number };

export interface EsiaVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export class InvalidTokenError extends Error {}

export function esiaTokenVerifier(options: EsiaVerifierOptions): (token: string) => Promise<EsiaIdentity> {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: 5,
      });
      const subject = payload['urn:esia:sbj_id'];
      const client = payload['urn:region:client_id'];
      if (subject === undefined && typeof client === 'string' && client) {
        return { kind: 'service', clientId: client, expiresAt: payload.exp ?? 0 };
      }
      if (typeof subject !== 'number' && typeof subject !== 'string') throw new InvalidTokenError('no urn:esia:sbj_id');
      const sid = payload['urn:esia:sid'];
      return {
        kind: 'person',
        oid: String(subject),
        sid: typeof sid === 'string' ? sid : null,
        expiresAt: payload.exp ?? 0,
      };
    } catch (error) {
      throw error instanceof InvalidTokenError ? error : new InvalidTokenError((error as Error).message);
    }
  };
}

export interface VerifiedTokenCacheOptions {
  /** Tokens remembered at most (default 50 000, the principal cache's size). */
  max?: number;
  /**
   * How long a verification is trusted before the signature is checked again (default 60 s), however long
   * the token itself lives: a key the broker withdraws from its JWKS stops working within this time.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Remembers each verified token for a while (issue 13 §4): an ECDSA/RSA signature check was the largest single
 * cost of the gateway's `me` (≈ 0.3 ms of its ≈ 2 ms), paid again on every request of a session with the
 * same token. The key is the SHA-256 of the whole token, so only that exact token — signature included —
 * finds the identity verified from it; a token is never trusted past its `exp`. A refused token is not
 * remembered: every presentation of it is checked and refused again.
 */
export function cachingTokenVerifier(
  verify: (token: string) => Promise<EsiaIdentity>,
  options: VerifiedTokenCacheOptions = {},
): (token: string) => Promise<EsiaIdentity> {
  const { max = 50_000, maxAgeMs = 60_000, now = Date.now } = options;
  const verified = new LRUCache<string, { identity: EsiaIdentity; until: number }>({ max });
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64url');
    const at = now();
    const known = verified.get(key);
    if (known && known.until > at) return known.identity;
    const identity = await verify(token);
    // `exp` is in seconds; a token without one (it cannot pass `requiredClaims`) is not remembered.
    const until = Math.min(at + maxAgeMs, identity.expiresAt * 1000);
    if (until > at) verified.set(key, { identity, until });
    else verified.delete(key);
    return identity;
  };
}
