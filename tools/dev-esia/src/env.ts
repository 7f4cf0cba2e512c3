/**
 * The dev ESIA's configuration, validated once by `main()` (STYLE.md, Config). Nothing else reads
 * `process.env`. The dev ESIA signs a token for anyone who clicks a name, so it must never run in production.
 */
import { z } from 'zod';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DEV_ESIA_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    /**
     * Loopback only (issue 9, §6): anyone who reaches the dev ESIA gets a token for any demo user, so it must
     * not be reachable from another machine.
     */
    DEV_ESIA_HOST: z
      .string()
      .default('127.0.0.1')
      .refine((host) => LOOPBACK.test(host), 'must be a loopback address (127.0.0.1, ::1 or localhost)'),
    DEV_ESIA_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    /** The stand-in SMTP relay (`/dev/mailbox`), on the same loopback host; 0 picks a free port. */
    DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
    ESIA_AUDIENCE: z.string().min(1).default('region-edu-platform'),
  })
  .transform((raw) => ({
    nodeEnv: raw.NODE_ENV,
    port: raw.DEV_ESIA_PORT,
    host: raw.DEV_ESIA_HOST,
    smtpPort: raw.DEV_SMTP_PORT,
    // The `iss` claim; the gateway's ESIA_ISSUER must equal it. Defaults to where this process listens.
    issuer: (raw.DEV_ESIA_ISSUER ?? `http://localhost:${raw.DEV_ESIA_PORT}`).replace(/\/+$/, ''),
    audience: raw.ESIA_AUDIENCE,
  }));

export type DevEsiaEnv = z.output<typeof EnvSchema>;

/** Throws an error naming each bad variable, or refusing production outright. */
export function parseEnv(source: NodeJS.ProcessEnv): DevEsiaEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`dev-esia: invalid environment\n${problems.join('\n')}`);
  }
  if (parsed.data.nodeEnv === 'production') {
    throw new Error(
      'dev-esia: refusing to start with NODE_ENV=production. This development identity provider issues a token ' +
        'for any demo user without a password; production must use the real ESIA (ESIA_ISSUER, ESIA_JWKS_URL).',
    );
  }
  return parsed.data;
}
