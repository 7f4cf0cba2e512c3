/**
 * From a verified ESIA identity to the platform principal (person + grants with territory), through the
 * people subgraph's login rules (DOMAIN.md 1–5a). Cached briefly per ESIA account: a grant withdrawn
 * takes effect within the TTL.
 */
import {
  currentRequestId,
  injectTraceHeaders,
  REQUEST_ID_HEADER,
  type InternalTokenSigner,
  type Principal,
} from '@region/kit';
import { LRUCache } from 'lru-cache';
import type { SubgraphFetcher } from '../subgraph-fetch.ts';
import { fetchEsiaProfile, type EsiaProfile } from './esia-profile.ts';
import type { EsiaIdentity } from './esia-token.ts';

export type LoginRefusalCode = 'ACCOUNT_NOT_LINKED' | 'DUPLICATE_RECORDS' | 'CONSENT_REQUIRED' | 'CHILD_UNDER_14';

/**
 * People could not resolve the login: it did not answer with GraphQL (a proxy's error page, an empty body,
 * 502–504: `SUBGRAPH_UNAVAILABLE`), or it answered that its database is down (`SERVICE_UNAVAILABLE`).
 * The gateway answers 503 with that code rather than a masked 500 (issue 9, §7).
 */
export class PeopleUnavailable extends Error {
  constructor(
    readonly code: 'SUBGRAPH_UNAVAILABLE' | 'SERVICE_UNAVAILABLE',
    reason: string,
  ) {
    super(reason);
  }
}

/** A proxy or load balancer in front of people answers these while it is down. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

export class LoginRefused extends Error {
  constructor(
    readonly code: LoginRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

interface Resolution {
  outcome: 'OK' | 'NEEDS_PROFILE' | LoginRefusalCode;
  principal: string | null;
  message: string | null;
}

const RESOLVE_SERVICE = /* GraphQL */ `
  mutation ResolveService($clientId: String!) {
    _resolveService(clientId: $clientId) {
      outcome
      principal
      message
    }
  }
`;

const RESOLVE_LOGIN = /* GraphQL */ `
  mutation ResolveLogin($input: EsiaLoginInput!) {
    _resolveLogin(input: $input) {
      outcome
      principal
      message
    }
  }
`;

export interface PrincipalResolverOptions {
  peopleUrl: string;
  esiaApiUrl: string;
  sign: InternalTokenSigner;
  /** How long a resolved principal is reused; 0 resolves every request (tests of grant changes). */
  ttlMs?: number;
  /** Told whether each lookup was answered from the cache (the gateway's hit-rate metric). */
  cacheLookup?: (hit: boolean) => void;
  /** How people is reached: the gateway's pooled fetch with its timeout (default: the global fetch). */
  fetch?: SubgraphFetcher;
}

export function principalResolver(options: PrincipalResolverOptions) {
  const ttl = options.ttlMs ?? 30_000;
  const cache = ttl > 0 ? new LRUCache<string, Principal>({ max: 50_000, ttl }) : null;
  const lookup = (key: string) => {
    if (!cache) return undefined;
    const cached = cache.get(key);
    options.cacheLookup?.(cached !== undefined);
    return cached;
  };

  async function ask(
    query: string,
    field: '_resolveLogin' | '_resolveService',
    variables: object,
  ): Promise<Resolution> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${await options.sign({ kind: 'GATEWAY' })}`,
    };
    // People's work for this login is part of the request: same id, same trace (issue 10 §4).
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    injectTraceHeaders((name, value) => (headers[name] = value));
    const response = await (options.fetch ?? fetch)(options.peopleUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: Record<string, Resolution> | null; errors?: { extensions?: { code?: unknown } }[] };
    try {
      const parsed: unknown = JSON.parse(text);
      body = parsed && typeof parsed === 'object' ? (parsed as typeof body) : {};
    } catch {
      body = {};
    }
    const resolution = body.data?.[field];
    if (resolution) return resolution;
    if (body.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
      throw new PeopleUnavailable('SERVICE_UNAVAILABLE', 'people answered that its database is unavailable');
    }
    // Not a GraphQL answer at all: something in front of people (or nothing) answered instead of it.
    if (UNAVAILABLE_STATUSES.has(response.status) || (!body.data && !body.errors)) {
      throw new PeopleUnavailable(
        'SUBGRAPH_UNAVAILABLE',
        `people answered HTTP ${response.status} without a GraphQL answer (${response.headers.get('content-type') ?? 'no content type'}, ${text.length} bytes)`,
      );
    }
    throw new Error(`people refused the login resolution: ${JSON.stringify(body.errors)}`);
  }
  const resolveLogin = (oid: string, profile: EsiaProfile | null) =>
    ask(RESOLVE_LOGIN, '_resolveLogin', { input: { oid, profile } });

  return async function resolve(identity: EsiaIdentity, accessToken: string): Promise<Principal> {
    if (identity.kind === 'service') {
      const key = `service:${identity.clientId}`;
      const cached = lookup(key);
      if (cached) return cached;
      const resolution = await ask(RESOLVE_SERVICE, '_resolveService', { clientId: identity.clientId });
      if (resolution.outcome !== 'OK' || !resolution.principal)
        throw new LoginRefused('ACCOUNT_NOT_LINKED', resolution.message ?? '');
      const principal = JSON.parse(resolution.principal) as Principal;
      cache?.set(key, principal);
      return principal;
    }
    const cached = lookup(identity.oid);
    if (cached) return cached;
    let resolution = await resolveLogin(identity.oid, null);
    if (resolution.outcome === 'NEEDS_PROFILE') {
      const profile = await fetchEsiaProfile(options.esiaApiUrl, identity.oid, accessToken);
      resolution = await resolveLogin(identity.oid, profile);
    }
    if (resolution.outcome === 'OK' && resolution.principal) {
      const principal = JSON.parse(resolution.principal) as Principal;
      cache?.set(identity.oid, principal);
      return principal;
    }
    if (resolution.outcome === 'NEEDS_PROFILE' || resolution.outcome === 'OK') {
      throw new Error('login resolution did not settle');
    }
    throw new LoginRefused(resolution.outcome, resolution.message ?? '');
  };
}
