import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';

/**
 * Delivery of the outbox (the kit's `outboxEnv`, plus admissions' receivers): status changes back to ЕПГУ
 * (rule 17) when EPGU_URL is set; decided enrolments to the movement book when GATEWAY_URL and
 * SERVICE_TOKEN_URL are set. Unset, the messages wait. Also people's subgraph (PEOPLE_URL), asked for
 * consents by the support search.
 */
export function readOutboxEnv() {
  return parseEnv({
    ...outboxEnv,
    EPGU_URL: z.string().url().optional(),
    EPGU_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** The admissions service account (client credentials), allowed `movement:write` only. */
    SERVICE_CLIENT_ID: z.string().min(1).default('admissions-enrolment'),
    /** Its notifications account, allowed `notifications:write` only: status changes told to applicants. */
    NOTICE_CLIENT_ID: z.string().min(1).default('admissions-notifications'),
    /** People's subgraph, asked for consents by the support search (the gateway's PEOPLE_URL). */
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}
