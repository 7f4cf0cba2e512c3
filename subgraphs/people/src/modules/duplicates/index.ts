import { loadTypeDefs, type SubgraphModule, connection, decodeCursor, encodeCursor, pageSize } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PersonRow } from '../persons/repository.ts';
import { listDuplicates, mergePersons, type DuplicateGroupRow } from './service.ts';

type Cursor = { name: string; birthDate: string };
const isCursor = (value: unknown): value is Cursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Cursor).name === 'string' &&
  typeof (value as Cursor).birthDate === 'string';

export const duplicatesModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      duplicates: async (
        _: unknown,
        args: { organizationId?: string | null; first?: number | null; after?: string | null },
        ctx: PeopleContext,
      ) => {
        const first = pageSize(args.first);
        const groups = await listDuplicates(
          ctx.db,
          ctx.policy,
          { organizationId: args.organizationId },
          {
            first,
            after: decodeCursor(args.after, isCursor),
          },
        );
        return connection(groups, first, (group) =>
          encodeCursor({ name: group.normalizedName, birthDate: group.birthDate }),
        );
      },
    },
    Mutation: {
      mergePersons: async (_: unknown, args: { keepId: string; mergeId: string }, ctx: PeopleContext) => {
        await mergePersons(ctx.db, ctx.policy, args.keepId, args.mergeId, ctx.now());
        return ctx.loaders.person.clear(args.keepId).load(args.keepId);
      },
    },
    DuplicateGroup: {
      persons: async (group: DuplicateGroupRow, _: unknown, ctx: PeopleContext) => {
        const rows = await ctx.loaders.person.loadMany(group.ids);
        return rows.filter((row): row is PersonRow => row !== null && !(row instanceof Error));
      },
    },
  } satisfies Resolvers,
};
