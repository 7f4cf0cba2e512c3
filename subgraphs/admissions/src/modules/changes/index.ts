/** The change feed of admissions' entities (issue 14 §2): the kit's reader over `admissions.changes`. */
import { changeFeedResolver, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { changeLog } from './repository.ts';

export const changesModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      admissionsChanges: changeFeedResolver<AdmissionsContext>(changeLog),
    },
  } satisfies Resolvers,
};
