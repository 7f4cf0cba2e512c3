import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';

/**
 * Delivery of the journal notices (the kit's `outboxEnv`) to people when GATEWAY_URL and SERVICE_TOKEN_URL
 * are set; unset, the notices wait in `learning.people_outbox`.
 */
export function readOutboxEnv() {
  return parseEnv({
    ...outboxEnv,
    /** Learning's service account (client credentials), allowed `notifications:write` only. */
    SERVICE_CLIENT_ID: z.string().min(1).default('learning-notifications'),
    DELIVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  });
}
