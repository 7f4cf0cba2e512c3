import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import {
  MilitaryRegistration,
  MilitaryRegistrationFigures,
  MilitaryRegistrationLearner,
} from './resolvers/MilitaryRegistration.ts';
import { Query } from './resolvers/Query.ts';

/** ГИР ВУ (issue 12, DOMAIN.md rules 14 and 22): the list of learners turning 17, its error report and file. */
export const militaryRegistrationModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query,
    MilitaryRegistration,
    MilitaryRegistrationLearner,
    MilitaryRegistrationFigures,
  } satisfies Resolvers,
};
