/** Announcements (issue 15 §1): school, class and municipality announcements with an audience and a period. */
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { currentAnnouncements, ownAnnouncements, publishAnnouncement, titledTargets } from './service.ts';

export type { AnnouncementRow } from './repository.ts';

export const announcementsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      announcements: (_, __, ctx) => currentAnnouncements(ctx.db, ctx.policy, ctx.now()),
      myAnnouncements: (_, __, ctx) => ownAnnouncements(ctx.db, ctx.policy),
      announcementTargets: (_, __, ctx) => titledTargets(ctx.db, ctx.policy),
    },
    Mutation: {
      publishAnnouncement: (_, args, ctx) => publishAnnouncement(ctx.db, ctx.policy, ctx.now(), args.input),
    },
  } satisfies Resolvers,
};
