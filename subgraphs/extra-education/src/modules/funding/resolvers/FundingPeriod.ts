import type { FundingPeriodResolvers } from '../../../generated/resolvers.ts';

export const FundingPeriod = {
  __resolveReference: (ref, ctx) =>
    ctx.policy.holds('extra:read') || ctx.policy.holds('extra:fund') ? ctx.loaders.fundingPeriod.load(ref.id) : null,
  creditedCertificates: (row, _, ctx) => ctx.loaders.creditedCertificates.load(row.id),
} satisfies FundingPeriodResolvers;
