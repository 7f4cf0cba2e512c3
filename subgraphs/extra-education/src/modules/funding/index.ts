import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { FundingPeriod } from './resolvers/FundingPeriod.ts';
import { Mutation } from './resolvers/Mutation.ts';
import { Query } from './resolvers/Query.ts';

/** Funding periods of the regional ПФДО programme and crediting certificates (issue 11, rule 19a). */
export const fundingModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: { Query, Mutation, FundingPeriod } satisfies Resolvers,
};
