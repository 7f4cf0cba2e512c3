/**
 * The internal token: a short-lived JWT the gateway signs for every subgraph request, carrying the
 * principal. Ed25519: subgraphs hold only the public key, so a compromised subgraph cannot mint tokens.
 */
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type CryptoKey } from 'jose';
import type { Principal } from './principal.ts';

const ISSUER = 'region-gateway';
const AUDIENCE = 'region-subgraphs';
const ALGORITHM = 'EdDSA';
const TTL_SECONDS = 60;

export interface InternalKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateInternalKeyPair(): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

export type InternalTokenSigner = (principal: Principal) => Promise<string>;
export type InternalTokenVerifier = (token: string) => Promise<Principal>;

export async function internalTokenSigner(privateJwk: JWK): Promise<InternalTokenSigner> {
  const key = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;
  return (principal) =>
    new SignJWT({ principal })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`)
      .sign(key);
}

export async function internalTokenVerifier(publicJwk: JWK): Promise<InternalTokenVerifier> {
  const key = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
  return async (token) => {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      maxTokenAge: `${TTL_SECONDS + 5}s`,
    });
    const principal = payload['principal'] as Principal | undefined;
    if (!principal || typeof principal !== 'object' || !('kind' in principal)) {
      throw new Error('internal token carries no principal');
    }
    return principal;
  };
}

export function parseJwk(json: string): JWK {
  return JSON.parse(json) as JWK;
}
