/**
 * Application notices (issue 15 §1): admissions' outbox tells people of an application's status change as the
 * `admissions-notifications` service account (`notifications:write`); people decides whether the applicant may
 * be told (its own cards, guardianships, consents) and writes the notification and e-mail copy.
 */
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { recordApplicationNotice } from './service.ts';

export const applicationNoticesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      recordApplicationNotice: (_, { input }, ctx) => recordApplicationNotice(ctx.db, ctx.policy, ctx.now(), input),
    },
  } satisfies Resolvers,
};
