import { DEFAULT_REGION_TIME_ZONE, isTimeZone, observabilityEnv, parseEnv, port } from '@region/kit';
import { ROLES, SUBGRAPHS, type Registry } from '@region/schema';
import { z } from 'zod';
import { DEFAULT_LIMITS, LIMIT_KINDS, type LimitKind, type QueryLimits } from './limits.ts';
import { DEFAULT_ANONYMOUS_RATE_LIMIT } from './rate-limit.ts';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from './subgraph-fetch.ts';
import { DEFAULT_INTROSPECTION_ROLES } from './request-guards.ts';

const limitsSchema = z
  .object({
    cost: z.number().int().positive(),
    depth: z.number().int().positive(),
    aliases: z.number().int().nonnegative(),
    tokens: z.number().int().positive(),
    directives: z.number().int().nonnegative(),
    page: z.number().int().positive(),
  })
  .partial()
  .strict();

/**
 * `QUERY_LIMITS` overrides the defaults per principal kind, e.g. `{"analyst":{"cost":60000}}`; what it does
 * not name keeps its default (`limits.ts`).
 */
const queryLimits = z
  .string()
  .default('{}')
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"person":{"cost":20000}}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(LIMIT_KINDS), limitsSchema))
  .transform((overrides) => {
    const limits = {} as Record<LimitKind, QueryLimits>;
    for (const kind of LIMIT_KINDS) limits[kind] = { ...DEFAULT_LIMITS[kind], ...overrides[kind] };
    return limits;
  });

const roleList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) =>
      text
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES)))
    .transform((roles) => new Set(roles));

const originList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().url()))
  .transform((origins) => origins.map((origin) => new URL(origin).origin));

export function readEnv() {
  return parseEnv({
    GATEWAY_PORT: port(4000),
    /** The address to listen on: `0.0.0.0` in a container, loopback by default. */
    LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
    /** Issuer, JWKS and audience of the ESIA broker whose tokens are accepted (DESIGN.md, access model). */
    ESIA_ISSUER: z.string().url(),
    ESIA_JWKS_URL: z.string().url(),
    ESIA_AUDIENCE: z.string().min(1),
    /** Base URL of ESIA's REST API (`rs/prns/{oid}`), asked while an account is not linked yet. */
    ESIA_API_URL: z.string().url(),
    /** Ed25519 private key (JWK JSON) that signs the internal tokens subgraphs accept. */
    INTERNAL_TOKEN_PRIVATE_JWK: z.string().min(10),
    /**
     * Signs the download links of list exports (`/exports/gateway/list`, issue 15): the same value on every
     * gateway replica, at least 32 characters. Unset, each process draws its own (one replica only).
     */
    EXPORT_LINK_SECRET: z.string().min(32).optional(),
    /** The built web client, served at `/` when present. */
    WEB_DIST: z.string().optional(),
    /** The ESIA login page the web client sends people to; by default `<ESIA_ISSUER>/login`. */
    ESIA_LOGIN_URL: z.string().url().optional(),
    /** The region's IANA time zone, handed to the web client (`/config.json`) to show moments in. */
    REGION_TIME_ZONE: z.string().refine(isTimeZone, 'unknown IANA time zone').default(DEFAULT_REGION_TIME_ZONE),
    /** Query limits per principal kind (person, analyst, service), JSON overriding the defaults. */
    QUERY_LIMITS: queryLimits,
    /** Roles that may introspect the API schema, comma-separated. */
    INTROSPECTION_ROLES: roleList([...DEFAULT_INTROSPECTION_ROLES].join(',')),
    /**
     * Origins besides the gateway's own whose pages may call `/graphql` from a browser, comma-separated
     * (the Vite dev server, a municipal portal). Empty: the gateway's own origin only.
     */
    CORS_ORIGINS: originList,
    /** Requests without a token one client address may send in a burst, per gateway replica (issue 11). */
    ANONYMOUS_RATE_BURST: z.coerce.number().int().positive().default(DEFAULT_ANONYMOUS_RATE_LIMIT.burst),
    /** Requests per second a client address gets back after its burst, per gateway replica. */
    ANONYMOUS_RATE_PER_SECOND: z.coerce.number().positive().default(DEFAULT_ANONYMOUS_RATE_LIMIT.perSecond),
    /**
     * Reverse proxies in front of the gateway that append the client's address to `X-Forwarded-For` (an ingress:
     * 1). The rate limit keys on the address that many entries from the header's end; 0 keys on the socket peer.
     */
    TRUSTED_PROXIES: z.coerce.number().int().nonnegative().default(0),
    /**
     * How long the gateway waits for a subgraph's answer (headers and body) before answering its fields with
     * `SUBGRAPH_UNAVAILABLE` (`reason: TIMEOUT`); login resolution at people included.
     */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
    /**
     * Issue 14 §1: a service account without an active operation manifest runs nothing (`true`, production's
     * setting in deploy/k8s) or runs under its scopes alone (`false`, the default while accounts such as ЕПГУ
     * have no manifest registered yet — docs/architecture.md, «Municipal systems»).
     */
    REQUIRE_SERVICE_MANIFEST: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** How long shutdown waits for in-flight requests before closing their connections. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
    /** OTLP traces and the `/metrics` token (docs/operations.md). */
    ...observabilityEnv,
  });
}

/**
 * Where each subgraph of the registry listens: its `urlEnv` (`PEOPLE_URL`, `LEARNING_URL`…), by default its
 * port on this machine (issue 10 §2: the service list is the registry's, not a hand-kept one).
 */
export function readSubgraphUrls(registry: Registry = SUBGRAPHS): Record<string, string> {
  const env = parseEnv(
    Object.fromEntries(
      registry.map((entry) => [entry.urlEnv, z.string().url().default(`http://127.0.0.1:${entry.port}/graphql`)]),
    ),
  );
  return Object.fromEntries(registry.map((entry) => [entry.name, String(env[entry.urlEnv])]));
}
