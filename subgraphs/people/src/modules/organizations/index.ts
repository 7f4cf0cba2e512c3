import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { Municipality, Organization } from './resolvers/Organization.ts';
import { Query } from './resolvers/Query.ts';

export const organizationsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: { Query, Organization, Municipality } satisfies Resolvers,
};
