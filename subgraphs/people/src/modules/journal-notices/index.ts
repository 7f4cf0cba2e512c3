/**
 * Journal notices (issue 15 §1): learning's outbox tells people of a mark, an absence or homework as the
 * `learning-notifications` service account (`notifications:write`); people decides who is told (its own
 * enrolments, guardianships and consents) and writes the notifications and e-mail copies.
 */
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { recordJournalNotice } from './service.ts';

export const journalNoticesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      recordJournalNotice: (_, { input }, ctx) =>
        recordJournalNotice(ctx.db, ctx.policy, ctx.now(), {
          ...input,
          date: String(input.date),
          dueOn: input.dueOn == null ? null : String(input.dueOn),
        }),
    },
  } satisfies Resolvers,
};
