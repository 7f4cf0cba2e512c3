import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';

/** Funding periods of the regional ПФДО programme and crediting certificates (issue 11, rule 19a). */
export const fundingModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {} satisfies Resolvers,
};
