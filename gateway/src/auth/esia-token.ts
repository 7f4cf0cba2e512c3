/**
 * Verification of ESIA access tokens. Real ESIA signs with GOST algorithms; the platform accepts tokens
 * re-signed by an ESIA broker with a standard algorithm, so the allow-list names only those — `none` and
 * HMAC (which would let anyone holding the public key forge tokens) are refused by construction.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

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
