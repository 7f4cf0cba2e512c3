import type { QueryResolvers } from '../../../generated/resolvers.ts';
import { listFundingPeriods } from '../repository.ts';

export const Query = {
  fundingPeriods: (_, __, ctx) => listFundingPeriods(ctx.db),
} satisfies QueryResolvers;
