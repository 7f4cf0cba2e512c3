import { coverageAreaOf } from '@region/kit';
import type { QueryResolvers } from '../../../generated/resolvers.ts';
import { coverageFor, dateOr } from '../service.ts';

export const Query = {
  extraCoverage: (_, args, ctx) => coverageFor(ctx, coverageAreaOf(args, dateOr(ctx, args.on))),
} satisfies QueryResolvers;
