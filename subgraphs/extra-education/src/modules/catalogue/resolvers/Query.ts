import { connection, decodeCursor, encodeCursor, foundInScope, pageSize, regionToday } from '@region/kit';
import type { ExtraEducationContext } from '../../../context.ts';
import type { QueryResolvers } from '../../../generated/resolvers.ts';
import { countCatalogue, countManaged, listCatalogue, listManaged, type ProgrammeRow } from '../repository.ts';

const isId = (value: unknown): value is string => typeof value === 'string';

function page(ctx: ExtraEducationContext, rows: ProgrammeRow[], first: number, count: () => Promise<number>) {
  for (const row of rows) ctx.loaders.programme.prime(row.id, row);
  return { ...connection(rows, first, (row) => encodeCursor(row.id)), totalCount: count };
}

export const Query = {
  programmes: async (_, args, ctx) => {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const today = regionToday(ctx.now);
    const rows = await listCatalogue(ctx.db, ctx.policy, filter, today, {
      first,
      after: decodeCursor(args.after, isId),
    });
    return page(ctx, rows, first, () => countCatalogue(ctx.db, ctx.policy, filter, today));
  },
  programme: (_, args, ctx) => foundInScope(ctx.loaders.programme.load(args.id), 'Программа'),
  managedProgrammes: async (_, args, ctx) => {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const rows = await listManaged(ctx.db, ctx.policy, filter, { first, after: decodeCursor(args.after, isId) });
    return page(ctx, rows, first, () => countManaged(ctx.db, ctx.policy, filter));
  },
} satisfies QueryResolvers;

/** A page of programmes: `totalCount` is counted only when asked for (GraphQL calls it). */
export type ProgrammeConnectionRow = ReturnType<typeof page>;
