/** The gateway's configuration of limits, introspection and CORS (issue 9, §6), validated at start. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { corsPolicy } from '../src/cors.ts';
import { readEnv } from '../src/env.ts';
import { DEFAULT_LIMITS } from '../src/limits.ts';

const REQUIRED = {
  ESIA_ISSUER: 'https://esia.test/',
  ESIA_JWKS_URL: 'https://esia.test/jwks.json',
  ESIA_AUDIENCE: 'region-edu-platform',
  ESIA_API_URL: 'https://esia.test/',
  INTERNAL_TOKEN_PRIVATE_JWK: '{"kty":"OKP","crv":"Ed25519"}',
};

const withEnv = (extra: Record<string, string>) => {
  const saved = process.env;
  process.env = { ...REQUIRED, ...extra };
  try {
    return readEnv();
  } finally {
    process.env = saved;
  }
};

describe('gateway environment', () => {
  it('defaults: the limits of limits.ts, introspection for analysts and operators, own origin only', () => {
    const env = withEnv({});
    expect(env.QUERY_LIMITS).toEqual(DEFAULT_LIMITS);
    expect([...env.INTROSPECTION_ROLES].sort()).toEqual(['MINISTRY_ANALYST', 'REGIONAL_OPERATOR']);
    expect(env.CORS_ORIGINS).toEqual([]);
  });

  it('overrides a limit of one kind and keeps the rest', () => {
    const env = withEnv({ QUERY_LIMITS: '{"analyst":{"cost":60000}}' });
    expect(env.QUERY_LIMITS.analyst).toEqual({ ...DEFAULT_LIMITS.analyst, cost: 60_000 });
    expect(env.QUERY_LIMITS.person).toEqual(DEFAULT_LIMITS.person);
  });

  it('names the variable of a malformed setting', () => {
    expect(() => withEnv({ QUERY_LIMITS: 'cost=1' })).toThrow(/QUERY_LIMITS/);
    expect(() => withEnv({ QUERY_LIMITS: '{"admin":{"cost":1}}' })).toThrow(/QUERY_LIMITS/);
    expect(() => withEnv({ QUERY_LIMITS: '{"person":{"cost":-1}}' })).toThrow(/QUERY_LIMITS/);
    expect(() => withEnv({ INTROSPECTION_ROLES: 'ANALYST' })).toThrow(/INTROSPECTION_ROLES/);
    expect(() => withEnv({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('reads origins and roles as lists', () => {
    const env = withEnv({
      CORS_ORIGINS: 'https://portal.example/, http://localhost:5173',
      INTROSPECTION_ROLES: 'REGIONAL_OPERATOR',
    });
    expect(env.CORS_ORIGINS).toEqual(['https://portal.example', 'http://localhost:5173']);
    expect([...env.INTROSPECTION_ROLES]).toEqual(['REGIONAL_OPERATOR']);
  });
});

describe('CORS policy', () => {
  const request = (origin: string | undefined, host = 'edu.region.test') =>
    ({ headers: { origin, host } }) as unknown as IncomingMessage;
  const policy = corsPolicy(['https://portal.example']);

  it('allows the own origin and the listed ones, echoing the origin', () => {
    expect(policy(request('https://edu.region.test'))['access-control-allow-origin']).toBe('https://edu.region.test');
    expect(policy(request('https://portal.example'))['access-control-allow-origin']).toBe('https://portal.example');
  });

  it('allows nobody else, and says the answer varies by origin', () => {
    for (const origin of ['https://evil.example', 'https://portal.example.evil.example', 'null', undefined]) {
      const headers = policy(request(origin));
      expect(headers['access-control-allow-origin']).toBeUndefined();
      expect(headers['vary']).toBe('Origin');
    }
  });
});
