import { loadTypeDefs, regionDate, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { ApplicationRow } from '../applications/service.ts';
import { admissionYearOn } from '@region/schema/validation/applications';
import { campaignStatistics, searchApplications, type SearchArgs } from './service.ts';

export const statisticsModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      searchApplications: (_: unknown, args: SearchArgs, ctx: AdmissionsContext) =>
        searchApplications(ctx.db, ctx.policy, ctx.consentsOf, args),
      admissionsCampaign: (
        _: unknown,
        args: { year?: number | null; kind?: ApplicationRow['kind'] | null },
        ctx: AdmissionsContext,
      ) => {
        return campaignStatistics(
          ctx.db,
          ctx.policy,
          args.year ?? admissionYearOn(regionDate(ctx.now())),
          args.kind ?? 'FIRST_GRADE',
        );
      },
    },
  } satisfies Resolvers,
};
