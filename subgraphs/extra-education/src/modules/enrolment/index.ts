import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { ExtraApplication, ExtraApplicationStatusChange, ExtraContract, Person } from './resolvers/types.ts';
import { Mutation } from './resolvers/Mutation.ts';
import { Query } from './resolvers/Query.ts';

/** Applications to groups, decisions, contracts with their payment method and certificate money (issue 11, rule 20). */
export const enrolmentModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query,
    Mutation,
    Person,
    ExtraApplication,
    ExtraApplicationStatusChange,
    ExtraContract,
  } satisfies Resolvers,
};
