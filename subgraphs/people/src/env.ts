import { outboxEnv, parseEnv } from '@region/kit';
import { z } from 'zod';
import { PII_READ_LOG_DEFAULTS } from './modules/pii-reads/log.ts';

/** The personal-data access log's writer (issue 14 §4, docs/operations.md). */
export function readPiiReadLogEnv() {
  const env = parseEnv({
    /** The longest a read waits in memory before it is written (ms). */
    PII_READ_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(PII_READ_LOG_DEFAULTS.flushMs),
    /** A write starts as soon as this many rows wait. */
    PII_READ_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(PII_READ_LOG_DEFAULTS.batchRows),
  });
  return { flushMs: env.PII_READ_FLUSH_MS, batchRows: env.PII_READ_BATCH_ROWS };
}

/** The retention of the access log, for its purge command: whole months, at least one. */
export function readPiiReadRetentionEnv() {
  return parseEnv({
    PEOPLE_DATABASE_URL: z.url().optional(),
    PII_READ_RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(36),
  });
}

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
