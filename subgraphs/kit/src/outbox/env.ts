import { z } from 'zod';

/**
 * The settings of every subgraph's outbox delivery (read with `parseEnv` next to the subgraph's own, such as
 * its receivers' URLs and its service account's client id).
 */
export const outboxEnv = {
  /** Pause between runs of a worker. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * `off`: this API process starts no outbox workers; the subgraph's worker process (its registry entry's
   * `workers`) delivers. `on` (the default, for a single-process run): the API process delivers too.
   */
  OUTBOX_WORKERS: z.enum(['on', 'off']).default('on'),
  /** How long a claimed message is the claiming worker's (`worker.ts`): longer than a batch's deliveries. */
  OUTBOX_LEASE_MS: z.coerce.number().int().positive().default(300_000),
  /** The gateway, for deliveries made as a service account (`gatewayClient`). */
  GATEWAY_URL: z.string().url().optional(),
  /** Client-credentials endpoint of the platform's authorization server (dev ESIA in development). */
  SERVICE_TOKEN_URL: z.string().url().optional(),
};
