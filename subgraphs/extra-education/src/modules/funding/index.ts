import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import DataLoader from 'dataloader';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { creditedCounts, listFundingPeriods } from './repository.ts';
import { createFundingPeriod, creditFundingPeriod } from './service.ts';

const countLoaders = new WeakMap<ExtraEducationContext, DataLoader<string, number>>();
function creditedLoader(ctx: ExtraEducationContext) {
  let loader = countLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const counts = new Map((await creditedCounts(ctx.db, ids)).map((row) => [row.periodId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
    countLoaders.set(ctx, loader);
  }
  return loader;
}

/** Funding periods of the regional ПФДО programme and crediting certificates (issue 11, rule 19a). */
export const fundingModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      fundingPeriods: (_, __, ctx) => listFundingPeriods(ctx.db),
    },
    Mutation: {
      createFundingPeriod: (_, args, ctx) => createFundingPeriod(ctx, args.input),
      creditFundingPeriod: (_, args, ctx) => creditFundingPeriod(ctx, args.periodId),
    },
    FundingPeriod: {
      __resolveReference: (ref: { id: string }, ctx) =>
        ctx.policy.holds('extra:read') || ctx.policy.holds('extra:fund')
          ? ctx.loaders.fundingPeriod.load(ref.id)
          : null,
      creditedCertificates: (row, _, ctx) => creditedLoader(ctx).load(row.id),
    },
  } satisfies Resolvers,
};
