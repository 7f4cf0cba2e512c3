import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';

/** People's subgraph, asked for learners' names when the сводная ведомость is written to a file (issue 15 §2). */
export function readLearningEnv() {
  return parseEnv({
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}

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
