import type { Database } from '@region/db';
import type { SubgraphContext } from '@region/kit';
import type { AnalyticsPolicy } from './policy.ts';

export interface AnalyticsContext extends SubgraphContext<AnalyticsPolicy, Record<string, never>> {
  /** Where the read contract is read: a read replica when configured (docs/deploy.md), else `db`. */
  readDb: Database;
  /** k of small-cell suppression: a cell from fewer persons is hidden (`REPORT_MIN_CELL`). */
  minCellSize: number;
}

/** How this request's reports are built: k, the clock, and the subgraph's own connection for the facts. */
export function reportOptionsOf(ctx: AnalyticsContext) {
  return { minCellSize: ctx.minCellSize, now: ctx.now(), factsDb: ctx.db };
}
