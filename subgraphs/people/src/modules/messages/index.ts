/** Messages (issue 15 §1): threads, unread counts, who may write to whom. */
import { groupLoader, loadTypeDefs, pageSize, type SubgraphModule } from '@region/kit';
import type { Database } from '@region/db';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { messagesOf, threadsOf, unreadCountOf } from './repository.ts';
import { markThreadRead, recipientsFor, replyToThread, sendMessage, threadOf } from './service.ts';

export type { MessageRow, RecipientRow, ThreadRow } from './repository.ts';

export function createMessageLoaders(db: Database) {
  return {
    threadMessages: groupLoader(
      (threadIds: readonly string[]) => messagesOf(db, threadIds),
      (row) => row.threadId,
    ),
  };
}

const personOf = (ctx: PeopleContext): string | null => ctx.policy.personId;

export const messagesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      messageThreads: async (_, args, ctx) => {
        const me = personOf(ctx);
        return me ? threadsOf(ctx.db, me, ctx.now(), { limit: pageSize(args.first) }) : [];
      },
      messageThread: (_, args, ctx) => threadOf(ctx.db, ctx.policy, ctx.now(), args.id),
      messageRecipients: (_, __, ctx) => recipientsFor(ctx.db, ctx.policy),
      unreadMessageCount: async (_, __, ctx) => {
        const me = personOf(ctx);
        return me ? unreadCountOf(ctx.db, me, ctx.now()) : 0;
      },
    },
    Mutation: {
      sendMessage: (_, args, ctx) => sendMessage(ctx.db, ctx.policy, ctx.now(), args.input),
      replyToThread: (_, args, ctx) =>
        replyToThread(ctx.db, ctx.policy, ctx.now(), args.threadId, args.body, args.fileIds),
      markThreadRead: (_, args, ctx) => markThreadRead(ctx.db, ctx.policy, ctx.now(), args.threadId),
    },
    MessageThread: {
      counterpart: (thread) => ({
        id: thread.counterpartId,
        name: thread.counterpartName,
        depersonalized: thread.counterpartDepersonalized,
      }),
      messages: (thread, _, ctx) => ctx.loaders.threadMessages.load(thread.id),
    },
    Message: {
      author: (message) => ({ id: message.authorId, name: message.authorName, depersonalized: message.depersonalized }),
      mine: (message, _, ctx) => message.authorId === personOf(ctx),
    },
  } satisfies Resolvers,
};
