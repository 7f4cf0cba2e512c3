import type { PeopleContext } from '../../../context.ts';
import { connection, decodeCursor, encodeCursor, forbidden, foundInScope, pageSize } from '@region/kit';
import {
  countPersons,
  keyOf,
  listPersons,
  personIdBySnils,
  type ListedPersonRow,
  type PersonFilter,
  type PersonKey,
} from '../repository.ts';

const isCursor = (value: unknown): value is PersonKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PersonKey).masked === 'boolean' &&
  typeof (value as PersonKey).name === 'string' &&
  typeof (value as PersonKey).id === 'string';

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
      ...connection(rows, first, (row: ListedPersonRow) => encodeCursor(keyOf(row))),
      totalCount: () => countPersons(ctx.db, ctx.policy, filter),
    };
  },
  epguChildId: (_: unknown, args: { snils: string; birthDate: string }, ctx: PeopleContext) => {
    if (ctx.principal.kind !== 'SERVICE' || ctx.policy.grantsWith('extra:intake').length === 0)
      throw forbidden('Только для учётной записи ЕПГУ.');
    return personIdBySnils(ctx.db, args.snils, args.birthDate);
  },
};

/** The page `persons` answers: `totalCount` is counted only when asked for (GraphQL calls it). */
export type PersonConnectionRow = Awaited<ReturnType<typeof Query.persons>>;
