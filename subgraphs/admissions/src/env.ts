import { parseEnv } from '@region/kit';
import { z } from 'zod';

/**
 * Delivery of the outbox: status changes back to ЕПГУ (rule 17) when EPGU_URL is set; decided enrolments
 * to the movement book when GATEWAY_URL and SERVICE_TOKEN_URL are set. Unset, the messages wait. Also
 * people's subgraph (PEOPLE_URL), asked for consents by the support search.
 */
export function readOutboxEnv() {
  return parseEnv({
    EPGU_URL: z.string().url().optional(),
    EPGU_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(5_000),
    /**
     * `off`: this API process starts no outbox workers; the outbox process (`src/worker.ts`) delivers. `on`
     * (the default, for a single-process run): the API process delivers too.
     */
    OUTBOX_WORKERS: z.enum(['on', 'off']).default('on'),
    /** How long a claimed message is the claiming worker's (`worker.ts`): longer than a batch's deliveries. */
    OUTBOX_LEASE_MS: z.coerce.number().int().positive().default(300_000),
    GATEWAY_URL: z.string().url().optional(),
    /** Client-credentials endpoint of the platform's authorization server (dev ESIA in development). */
    SERVICE_TOKEN_URL: z.string().url().optional(),
    SERVICE_CLIENT_ID: z.string().min(1).default('admissions-enrolment'),
    /** People's subgraph, asked for consents by the support search (the gateway's PEOPLE_URL). */
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}
