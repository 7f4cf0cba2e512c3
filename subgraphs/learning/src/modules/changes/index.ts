/** The change feed of learning's entities (issue 14 §2): the kit's reader over `learning.changes`. */
import { changeFeedResolver, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { changeLog } from './repository.ts';

export const changesModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      learningChanges: changeFeedResolver<LearningContext>(changeLog),
    },
  } satisfies Resolvers,
};
