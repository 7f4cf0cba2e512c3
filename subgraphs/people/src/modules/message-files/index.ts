/** Message attachments (issue 15 §1): upload first, attach on send, read by the thread's participants. */
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { MessageFileRow } from './repository.ts';
import { DOWNLOAD_TTL_SECONDS, FILES_PREFIX, requestUpload } from './service.ts';

export type { MessageFileRow };

export const messageFilesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      requestMessageFileUpload: (_, args, ctx) => requestUpload(ctx.policy, ctx.files, args.input, ctx.now()),
    },
    Message: {
      // A message is resolved only inside a thread the principal takes part in (messages/service.ts); a
      // depersonalized author's files are withheld with her text (rule 5).
      files: (message, _, ctx) => (message.depersonalized ? [] : ctx.loaders.messageFiles.load(message.id)),
    },
    MessageFile: {
      name: (row) => row.fileName,
      downloadUrl: async (row, _, ctx) => {
        if (row.scanStatus !== 'CLEAN' || !ctx.policy.personId) return null;
        const ticket = { purpose: 'download' as const, fileId: row.id, personId: ctx.policy.personId };
        const { token } = await ctx.files.tickets.sign(ticket, DOWNLOAD_TTL_SECONDS, ctx.now());
        return `${FILES_PREFIX}/${token}`;
      },
    },
  } satisfies Resolvers,
};
