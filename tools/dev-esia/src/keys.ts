/**
 * The signing key, generated at every start and never written to disk: a restart invalidates every dev token,
 * which is what a development issuer should do. ES256 is on the gateway's algorithm allow-list (DESIGN.md:
 * real ESIA signs with GOST, a broker re-signs with RS256/ES256/EdDSA).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALG = 'ES256';

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as published in the JWKS, with `kid`, `alg` and `use`. */
  publicJwk: JWK;
}

export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const exported = await exportJWK(publicKey);
  // The thumbprint (RFC 7638) names the key by its content, so a new key always gets a new kid.
  const kid = await calculateJwkThumbprint(exported);
  return { kid, privateKey, publicKey, publicJwk: { ...exported, kid, alg: SIGNING_ALG, use: 'sig' } };
}

export function jwksOf(keys: SigningKeys): { keys: JWK[] } {
  return { keys: [keys.publicJwk] };
}
