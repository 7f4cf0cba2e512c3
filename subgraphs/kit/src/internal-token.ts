/**
 * The internal token: a short-lived JWT the gateway signs for every subgraph request, carrying the
 * principal. Ed25519: subgraphs hold only the public keys, so a compromised subgraph cannot mint tokens.
 *
 * Keys rotate without stopping the platform (docs/deploy.md, Key management): every token names its signing
 * key in the header (`kid`), and a subgraph accepts any key of its public key set (a JWKS). A key without a
 * `kid` is named by its RFC 7638 thumbprint, so a key generated without one still works on both sides.
 */
import {
  SignJWT,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type CryptoKey,
} from 'jose';
import type { Principal } from './principal.ts';

const ISSUER = 'region-gateway';
const AUDIENCE = 'region-subgraphs';
const ALGORITHM = 'EdDSA';
/** Lifetime of a signed token. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** How long the gateway reuses a signed token: a quarter of its lifetime stays for clock skew and transit. */
export const INTERNAL_TOKEN_REUSE_MS = 45_000;

export interface InternalKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A JSON Web Key Set: the public keys a subgraph accepts. */
export interface InternalJwks {
  keys: JWK[];
}

export async function generateInternalKeyPair(): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const common = { kid, alg: ALGORITHM, use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...common }, publicJwk: { ...publicJwk, ...common } };
}

/** The key's id: its `kid`, else its thumbprint (which a private and its public key share). */
export async function keyIdOf(jwk: JWK): Promise<string> {
  return jwk.kid ?? calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JWK);
}

export type InternalTokenSigner = (principal: Principal) => Promise<string>;
export type InternalTokenVerifier = (token: string) => Promise<Principal>;

export async function internalTokenSigner(privateJwk: JWK): Promise<InternalTokenSigner> {
  const key = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;
  const kid = await keyIdOf(privateJwk);
  return (principal) =>
    new SignJWT({ principal })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
      .sign(key);
}

/** Accepts tokens signed by any key of `keys` (a JWKS, or one JWK as before key sets), chosen by `kid`. */
export async function internalTokenVerifier(keys: InternalJwks | JWK): Promise<InternalTokenVerifier> {
  const jwks = 'keys' in keys && Array.isArray(keys.keys) ? keys.keys : [keys as JWK];
  if (jwks.length === 0) throw new Error('the internal token key set is empty');
  const byKid = new Map<string, CryptoKey>();
  for (const jwk of jwks) {
    if ('d' in jwk) throw new Error('the internal token key set must hold public keys only');
    byKid.set(await keyIdOf(jwk), (await importJWK(jwk, ALGORITHM)) as CryptoKey);
  }
  return async (token) => {
    const { kid } = decodeProtectedHeader(token);
    const key = typeof kid === 'string' ? byKid.get(kid) : undefined;
    if (!key) throw new Error(`internal token signed by an unknown key (kid ${String(kid)})`);
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      maxTokenAge: `${INTERNAL_TOKEN_TTL_SECONDS + 5}s`,
    });
    const principal = payload['principal'] as Principal | undefined;
    if (!principal || typeof principal !== 'object' || !('kind' in principal)) {
      throw new Error('internal token carries no principal');
    }
    return principal;
  };
}

export interface ReusingSignerOptions {
  /** How long a signed token is handed out again. Default `INTERNAL_TOKEN_REUSE_MS`. */
  reuseMs?: number;
  /** Principals remembered at most; the oldest is forgotten first. Default 10 000. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Signs once per principal per `reuseMs` instead of once per subgraph fetch (signing was 8% of the gateway's
 * CPU, issue 10). The cache key is the whole principal — its kind, identity and every grant — so a token is
 * reused only for exactly the same principal with exactly the same grants: a changed grant signs anew, and
 * one principal's token never reaches another's request.
 */
export function reusingInternalTokenSigner(
  sign: InternalTokenSigner,
  options: ReusingSignerOptions = {},
): InternalTokenSigner {
  const { reuseMs = INTERNAL_TOKEN_REUSE_MS, maxEntries = 10_000, now = Date.now } = options;
  if (reuseMs >= INTERNAL_TOKEN_TTL_SECONDS * 1000) throw new Error('reuseMs must be shorter than the token TTL');
  const cache = new Map<string, { token: Promise<string>; until: number }>();
  return (principal) => {
    const key = JSON.stringify(principal);
    const at = now();
    const cached = cache.get(key);
    if (cached && cached.until > at) return cached.token;
    cache.delete(key);
    if (cache.size >= maxEntries) {
      // Map iterates in insertion order: drop expired entries, else the oldest one.
      for (const [entryKey, entry] of cache) {
        if (entry.until <= at || cache.size >= maxEntries) cache.delete(entryKey);
        else break;
      }
    }
    const token = sign(principal);
    cache.set(key, { token, until: at + reuseMs });
    // A failed signing is not remembered.
    token.catch(() => {
      if (cache.get(key)?.token === token) cache.delete(key);
    });
    return token;
  };
}

export function parseJwk(json: string): JWK {
  return JSON.parse(json) as JWK;
}

/** `INTERNAL_TOKEN_PUBLIC_JWKS`: a JWKS (`{"keys":[…]}`) or a single JWK. */
export function parseJwks(json: string): InternalJwks {
  const parsed = JSON.parse(json) as InternalJwks | JWK;
  return 'keys' in parsed && Array.isArray(parsed.keys) ? { keys: parsed.keys } : { keys: [parsed as JWK] };
}
