import { parseEnv, port } from '@region/kit';
import { z } from 'zod';

export function readEnv() {
  return parseEnv({
    PEOPLE_PORT: port(4001),
    /** Connection string of the people_svc role: it can write only the `people` schema. */
    PEOPLE_DATABASE_URL: z.string().url(),
    /** The gateway's Ed25519 public key (JWK JSON) that signs internal tokens. */
    INTERNAL_TOKEN_PUBLIC_JWK: z.string().min(10),
    /** Optional fixed clock for the demo (ISO date-time). */
    CLOCK_NOW: z.string().datetime({ offset: true }).optional(),
  });
}
