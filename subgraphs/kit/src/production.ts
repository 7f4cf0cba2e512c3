/**
 * Checks of a subgraph's environment that span several variables (docs/deploy.md). Kept apart from
 * `main.ts` so tests can call them without starting a process.
 */
import { parseJwks, type InternalJwks } from './internal-token.ts';

export interface KitEnvChecked {
  /** The public keys that sign internal tokens. */
  internalJwks: InternalJwks;
}

/**
 * Refuses a fixed clock in production — `CLOCK_NOW` would date every decision and every deadline by a demo's
 * date (DOMAIN.md, Times) — and requires the internal token key set: `INTERNAL_TOKEN_PUBLIC_JWKS`, or the
 * single-key `INTERNAL_TOKEN_PUBLIC_JWK` of before key sets.
 */
export function checkKitEnv(env: {
  NODE_ENV?: string | undefined;
  CLOCK_NOW?: string | undefined;
  INTERNAL_TOKEN_PUBLIC_JWKS?: string | undefined;
  INTERNAL_TOKEN_PUBLIC_JWK?: string | undefined;
}): KitEnvChecked {
  if (env.NODE_ENV === 'production' && env.CLOCK_NOW) {
    throw new Error(
      'Invalid environment:\n  CLOCK_NOW: a fixed clock is for demos and tests; it is refused when NODE_ENV=production',
    );
  }
  const keys = env.INTERNAL_TOKEN_PUBLIC_JWKS ?? env.INTERNAL_TOKEN_PUBLIC_JWK;
  if (!keys)
    throw new Error(
      "Invalid environment:\n  INTERNAL_TOKEN_PUBLIC_JWKS: required (a JWKS of the gateways' public keys)",
    );
  try {
    return { internalJwks: parseJwks(keys) };
  } catch {
    throw new Error('Invalid environment:\n  INTERNAL_TOKEN_PUBLIC_JWKS: must be JSON, {"keys":[…]} or one JWK');
  }
}
