import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { reportOptionsOf, type AnalyticsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { reportFile, reportFileLink } from './service.ts';

export const exportsModule: SubgraphModule<AnalyticsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      reportFile: (_parent, { input, format }, ctx) =>
        reportFile(ctx.readDb, ctx.policy, input, format, reportOptionsOf(ctx)),
      reportFileLink: (_parent, { input, format, title }, ctx) => reportFileLink(ctx, input, format, title),
    },
  } satisfies Resolvers,
};
