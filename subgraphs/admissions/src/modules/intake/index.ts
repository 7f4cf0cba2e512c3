import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { intakeEpguApplication, type EpguInput } from './service.ts';

export const intakeModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      intakeEpguApplication: (_: unknown, args: { input: EpguInput }, ctx: AdmissionsContext) =>
        intakeEpguApplication(ctx.db, ctx.policy, args.input, ctx.now()),
    },
  } satisfies Resolvers,
};
