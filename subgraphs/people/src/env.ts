import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';

/**
 * The e-mail outbox's delivery (the kit's `outboxEnv` and the SMTP relay). Without SMTP_HOST the copies wait
 * in `people.email_outbox`. docs/deploy.md: production points it at the region's relay.
 */
export function readMailEnv() {
  return parseEnv({
    ...outboxEnv,
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
    /** `true`: TLS from the first byte (usually port 465); otherwise STARTTLS when offered. */
    SMTP_SECURE: z.enum(['true', 'false']).default('false'),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_FROM: z.string().min(3).default('Электронная школа <no-reply@edu.region.local>'),
    SMTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  });
}
