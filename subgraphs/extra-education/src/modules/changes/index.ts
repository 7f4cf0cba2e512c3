/**
 * The change feed of extra education's entities (issue 14 §2): the kit's reader over `extra_education.changes`.
 * Certificates belong to their municipality (`municipalityId`), contracts to their organization.
 */
import { changeFeedResolver, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { changeLog } from './repository.ts';

export const changesModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      extraEducationChanges: changeFeedResolver<ExtraEducationContext>(changeLog),
    },
  } satisfies Resolvers,
};
