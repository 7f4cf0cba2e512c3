import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';

/** People's subgraph, asked for an organization's municipality and address when a programme is created. */
export function readExtraEducationEnv() {
  return parseEnv({
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}

/**
 * Delivery of the outbox (the kit's `outboxEnv`): enrolments and expulsions to people's movement book when
 * GATEWAY_URL and SERVICE_TOKEN_URL are set; unset, the messages wait.
 */
export function readOutboxEnv() {
  return parseEnv({
    ...outboxEnv,
    /** The extra-education service account (client credentials), allowed `movement:write` only. */
    SERVICE_CLIENT_ID: z.string().min(1).default('extra-education-enrolment'),
    DELIVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  });
}
