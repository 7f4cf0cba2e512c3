/** The change feed of people's entities (issue 14 §2): the kit's reader over `people.changes`. */
import { changeFeedResolver, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { changeLog } from './repository.ts';

export const changesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      peopleChanges: changeFeedResolver<PeopleContext>(changeLog),
    },
  } satisfies Resolvers,
};
