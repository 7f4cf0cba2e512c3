/**
 * The bell (issue 15 §1): notifications about messages, announcements, the journal (marks, absences, homework)
 * and consent requests, and which ones a person gets in the cabinet and by e-mail.
 */
import { badInput, loadTypeDefs, pageSize, regionToday, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import {
  markNotificationsRead,
  notificationsOf,
  saveSetting,
  settingsOf,
  unreadNotificationsOf,
  type NotificationKind,
} from './repository.ts';

const KINDS: readonly NotificationKind[] = [
  'MESSAGE',
  'ANNOUNCEMENT',
  'MARK',
  'ABSENCE',
  'HOMEWORK',
  'CONSENT_REQUEST',
  'APPLICATION',
];

export const notificationsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      notifications: (_, args, ctx) => {
        const me = ctx.policy.personId;
        if (!me) return [];
        return notificationsOf(ctx.db, me, regionToday(ctx.now), ctx.now(), pageSize(args.first));
      },
      unreadNotificationCount: (_, __, ctx) => {
        const me = ctx.policy.personId;
        return me ? unreadNotificationsOf(ctx.db, me, regionToday(ctx.now), ctx.now()) : 0;
      },
      notificationSettings: async (_, __, ctx) => {
        const me = ctx.policy.personId;
        const saved = me ? await settingsOf(ctx.db, me) : [];
        return KINDS.map((kind) => saved.find((row) => row.kind === kind) ?? { kind, inApp: true, email: false });
      },
    },
    Mutation: {
      markNotificationsRead: (_, args, ctx) => {
        const me = ctx.policy.personId;
        if (!me) return 0;
        if (args.ids && args.ids.length > 200) throw badInput('Не больше 200 уведомлений за раз.', 'ids');
        return markNotificationsRead(ctx.db, me, args.ids ?? null, ctx.now());
      },
      setNotificationSetting: async (_, args, ctx) => {
        const me = ctx.policy.personId;
        if (!me) throw badInput('Настройки уведомлений есть только у человека.', 'kind');
        return saveSetting(ctx.db, me, args.kind, args.inApp, args.email ?? null);
      },
    },
  } satisfies Resolvers,
};
