import type { MutationResolvers } from '../../../generated/resolvers.ts';
import { createFundingPeriod, creditFundingPeriod } from '../service.ts';

export const Mutation = {
  createFundingPeriod: (_, args, ctx) => createFundingPeriod(ctx, args.input),
  creditFundingPeriod: (_, args, ctx) => creditFundingPeriod(ctx, args.periodId),
} satisfies MutationResolvers;
