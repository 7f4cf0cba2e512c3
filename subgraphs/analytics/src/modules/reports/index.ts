import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { reportOptionsOf, type AnalyticsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { catalogue } from './catalog.ts';
import { buildReport } from './service.ts';
import { forbidden } from '@region/kit';

export const reportsModule: SubgraphModule<AnalyticsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      reportCatalog: (_parent, _args, ctx) => {
        if (!ctx.policy.holds('reports:read'))
          throw forbidden('Конструктор отчётов доступен аналитикам, координаторам и администрации организаций.');
        return { datasets: catalogue(), minCellSize: ctx.minCellSize };
      },
      report: (_parent, { input }, ctx) => buildReport(ctx.readDb, ctx.policy, input, reportOptionsOf(ctx)),
    },
  } satisfies Resolvers,
};
