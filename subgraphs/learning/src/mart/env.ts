/** The mart worker's settings (`learning-mart`, docs/deploy.md «Моя школа»), read once by its `main()`. */
import { parseEnv } from '@region/kit';
import { z } from 'zod';

export function readMartEnv() {
  return parseEnv({
    /** The receiving endpoint of «Моя школа» (dev ESIA's `/moya-shkola/batches` in development). */
    MART_URL: z.string().url(),
    /** The region's bearer secret at the receiver. */
    MART_TOKEN: z.string().min(16),
    /** The key of the persons' pseudonyms; changing it makes every learner new to the receiver. */
    MART_PSEUDONYM_KEY: z.string().min(32),
    /** Pause between two runs. */
    MART_POLL_MS: z.coerce.number().int().min(1000).default(60_000),
    MART_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** Comma-separated organization ids connected to «Моя школа»; unset: every organization of the region. */
    MART_ORGANIZATIONS: z.string().optional(),
    /** The gateway and the token endpoint, for people's change feed (consent tombstones). */
    GATEWAY_URL: z.string().url().optional(),
    SERVICE_TOKEN_URL: z.string().url().optional(),
    /** The mart's service account (`changes:read` over the region). */
    MART_CLIENT_ID: z.string().min(1).default('learning-mart'),
  });
}
