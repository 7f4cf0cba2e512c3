import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { schoolsServing } from './service.ts';

export const territoryModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      // Territories are public rules of admission (each school publishes its own), so any signed-in user may ask.
      schoolsForAddress: async (_: unknown, args: { address: string }, ctx: AdmissionsContext) =>
        (await schoolsServing(ctx.db, args.address)).map((id) => ({ __typename: 'Organization', id })),
    },
  } satisfies Resolvers,
};
