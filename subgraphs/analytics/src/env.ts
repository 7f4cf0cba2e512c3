import { parseEnv } from '@region/kit';
import { z } from 'zod';
import { DEFAULT_REBUILD_ORGANIZATIONS } from './facts/refresh.ts';

/** k of small-cell suppression when the deployment sets none (issue 12). */
export const DEFAULT_MIN_CELL_SIZE = 5;

export function readAnalyticsEnv() {
  return parseEnv({
    /** A cell computed from fewer persons is suppressed for principals without personal-data access to all. */
    REPORT_MIN_CELL: z.coerce.number().int().min(2).max(100).default(DEFAULT_MIN_CELL_SIZE),
    /**
     * The read contract on a streaming replica, as `analytics_ro` (docs/deploy.md); unset, reports read through
     * `ANALYTICS_DATABASE_URL`.
     */
    ANALYTICS_READ_DATABASE_URL: z.string().url().optional(),
  });
}

/** The facts worker's timing (`analytics-facts`, src/worker.ts). */
export function readFactsEnv() {
  return parseEnv({
    /** Pause between two refreshes of the pre-aggregated facts: how stale a dashboard may be. */
    FACTS_REFRESH_MS: z.coerce.number().int().min(1000).default(60_000),
    /**
     * An organization's facts rebuilt longer ago are rebuilt in its turn: catches changes no owner's change
     * time records.
     */
    FACTS_REBUILD_MS: z.coerce
      .number()
      .int()
      .min(60_000)
      .default(24 * 60 * 60 * 1000),
    /**
     * Organizations rebuilt in turn per fact and refresh: at the region's ≈ 1,100 organizations and a refresh a
     * minute, 10 bring every organization round in under two hours (docs/architecture.md).
     */
    FACTS_REBUILD_ORGANIZATIONS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_REBUILD_ORGANIZATIONS),
  });
}
