import { parseEnv } from '@region/kit';
import { z } from 'zod';

/** Delivery back to ЕПГУ (rule 17): off when EPGU_URL is not set (the changes wait in the outbox). */
export function readOutboxEnv() {
  return parseEnv({
    EPGU_URL: z.string().url().optional(),
    EPGU_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    EPGU_POLL_MS: z.coerce.number().int().positive().default(5_000),
  });
}
