import { DEFAULT_REGION_TIME_ZONE, isTimeZone, parseEnv, port } from '@region/kit';
import { z } from 'zod';

export function readEnv() {
  return parseEnv({
    GATEWAY_PORT: port(4000),
    /** Issuer, JWKS and audience of the ESIA broker whose tokens are accepted (DESIGN.md, access model). */
    ESIA_ISSUER: z.string().url(),
    ESIA_JWKS_URL: z.string().url(),
    ESIA_AUDIENCE: z.string().min(1),
    /** Base URL of ESIA's REST API (`rs/prns/{oid}`), asked while an account is not linked yet. */
    ESIA_API_URL: z.string().url(),
    /** Ed25519 private key (JWK JSON) that signs the internal tokens subgraphs accept. */
    INTERNAL_TOKEN_PRIVATE_JWK: z.string().min(10),
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
    LEARNING_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
    ADMISSIONS_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
    /** The built web client, served at `/` when present. */
    WEB_DIST: z.string().optional(),
    /** The ESIA login page the web client sends people to; by default `<ESIA_ISSUER>/login`. */
    ESIA_LOGIN_URL: z.string().url().optional(),
    /** The region's IANA time zone, handed to the web client (`/config.json`) to show moments in. */
    REGION_TIME_ZONE: z.string().refine(isTimeZone, 'unknown IANA time zone').default(DEFAULT_REGION_TIME_ZONE),
  });
}
