/** The analytics subgraph (issue 12; its registry entry: `@region/schema`, `SUBGRAPHS`). */
import type { Database } from '@region/db';
import { defineSubgraph, type SubgraphDeps } from '@region/kit';
import type { AnalyticsContext } from './context.ts';
import { DEFAULT_MIN_CELL_SIZE } from './env.ts';
import { dashboardsModule } from './modules/dashboards/index.ts';
import { exportsModule } from './modules/exports/index.ts';
import { streamReportFile } from './modules/exports/service.ts';
import { oo1Module } from './modules/oo1/index.ts';
import { reportsModule } from './modules/reports/index.ts';
import { savedReportsModule } from './modules/saved-reports/index.ts';
import { AnalyticsPolicy } from './policy.ts';

export interface AnalyticsDeps extends SubgraphDeps {
  /** A connection to a read replica for the contract views (`ANALYTICS_READ_DATABASE_URL`); default `db`. */
  readDb?: Database | undefined;
  /** k of small-cell suppression (`REPORT_MIN_CELL`, default 5). */
  minCellSize?: number | undefined;
}

const analyticsSubgraph = defineSubgraph<AnalyticsContext, AnalyticsDeps>({
  name: 'analytics',
  modules: [reportsModule, savedReportsModule, exportsModule, oo1Module, dashboardsModule],
  policy: (principal) => new AnalyticsPolicy(principal),
  loaders: () => ({}),
  extend: ({ deps }) => ({
    readDb: deps.readDb ?? deps.db,
    minCellSize: deps.minCellSize ?? DEFAULT_MIN_CELL_SIZE,
  }),
  // `/exports/analytics/report?t=<link>` (issue 12): `reportFileLink`'s file, streamed.
  exports: { report: streamReportFile },
});
export default analyticsSubgraph;

/** Builds the subgraph without listening. */
export const createAnalyticsSubgraph = analyticsSubgraph.create;
