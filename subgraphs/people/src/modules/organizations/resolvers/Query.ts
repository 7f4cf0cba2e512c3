import type { PeopleContext } from '../../../context.ts';
import { connection, decodeCursor, encodeCursor, pageSize } from '@region/kit';
import {
  countOrganizations,
  listMunicipalities,
  listOrganizations,
  readsRegistry,
  type OrganizationFilter,
} from '../repository.ts';

const isId = (value: unknown): value is string => typeof value === 'string';

export const Query = {
  organization: (_: unknown, args: { id: string }, ctx: PeopleContext) => ctx.loaders.organization.load(args.id),
  organizations: async (
    _: unknown,
    args: { filter?: OrganizationFilter | null; first?: number | null; after?: string | null },
    ctx: PeopleContext,
  ) => {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const rows = await listOrganizations(ctx.db, ctx.policy, filter, { first, after: decodeCursor(args.after, isId) });
    for (const row of rows) ctx.loaders.organization.prime(row.id, row);
    return {
      ...connection(rows, first, (row) => encodeCursor(row.id)),
      totalCount: () => countOrganizations(ctx.db, ctx.policy, filter),
    };
  },
  municipalities: (_: unknown, __: unknown, ctx: PeopleContext) =>
    readsRegistry(ctx.policy) ? listMunicipalities(ctx.db) : [],
};

/** The page `organizations` answers: `totalCount` is counted only when asked for (GraphQL calls it). */
export type OrganizationConnectionRow = Awaited<ReturnType<typeof Query.organizations>>;
