import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { reportOptionsOf, type AnalyticsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { oo1Form } from './service.ts';

export const oo1Module: SubgraphModule<AnalyticsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      oo1: (_parent, { input }, ctx) => oo1Form(ctx.readDb, ctx.policy, input, reportOptionsOf(ctx)),
    },
    Oo1Form: {
      file: (form) => form.file(),
    },
  } satisfies Resolvers,
};
