import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';

/** ПФДО certificates (issue 11, rule 19): issue from the cabinet, ЕПГУ intake, status history, money. */
export const certificatesModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {} satisfies Resolvers,
};
