import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { Mutation } from './resolvers/Mutation.ts';
import { Organization } from './resolvers/Organization.ts';
import { Programme, ProgrammeGroup } from './resolvers/Programme.ts';
import { Query } from './resolvers/Query.ts';

/** The public catalogue of the regional navigator and its management by an organization's admin (issue 11). */
export const catalogueModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: { Query, Mutation, Programme, ProgrammeGroup, Organization } satisfies Resolvers,
};
