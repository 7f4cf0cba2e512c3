import type { PeopleContext } from '../../../context.ts';
import { connection, decodeCursor, encodeCursor, foundInScope, pageSize } from '@region/kit';
import { countPersons, listPersons, type PersonFilter, type PersonRow } from '../repository.ts';

type Cursor = { name: string; id: string };
const isCursor = (value: unknown): value is Cursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Cursor).name === 'string' &&
  typeof (value as Cursor).id === 'string';

export const Query = {
  person: (_: unknown, args: { id: string }, ctx: PeopleContext) =>
    foundInScope(ctx.loaders.person.load(args.id), 'Человек'),
  persons: async (
    _: unknown,
    args: { filter?: PersonFilter | null; first?: number | null; after?: string | null },
    ctx: PeopleContext,
  ) => {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const rows = await listPersons(ctx.db, ctx.policy, filter, { first, after: decodeCursor(args.after, isCursor) });
    for (const row of rows) ctx.loaders.person.prime(row.id, row);
    return {
      ...connection(rows, first, (row: PersonRow) => encodeCursor({ name: row.normalizedName, id: row.id })),
      totalCount: () => countPersons(ctx.db, ctx.policy, filter),
    };
  },
};
