import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { linkGuardian, unlinkGuardian } from './service.ts';

type Args = { guardianId: string; childId: string; relation?: string | null };

export const guardianshipModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      linkGuardian: async (_: unknown, args: Args, ctx: PeopleContext) => {
        await linkGuardian(ctx.db, ctx.policy, args.guardianId, args.childId, args.relation ?? 'PARENT');
        return ctx.loaders.person.clear(args.childId).load(args.childId);
      },
      unlinkGuardian: async (_: unknown, args: Args, ctx: PeopleContext) => {
        await unlinkGuardian(ctx.db, ctx.policy, args.guardianId, args.childId);
        return ctx.loaders.person.clear(args.childId).load(args.childId);
      },
    },
  } satisfies Resolvers,
};
