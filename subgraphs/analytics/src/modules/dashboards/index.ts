import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { reportOptionsOf, type AnalyticsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { monitoringDashboard } from './service.ts';

export const dashboardsModule: SubgraphModule<AnalyticsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      monitoringDashboard: (_parent, { municipalityId }, ctx) =>
        monitoringDashboard(ctx.readDb, ctx.policy, municipalityId ?? null, reportOptionsOf(ctx)),
    },
  } satisfies Resolvers,
};
