import { connection, decodeCursor, encodeCursor, foundInScope, pageSize } from '@region/kit';
import type { ExtraEducationContext } from '../../../context.ts';
import type { QueryResolvers } from '../../../generated/resolvers.ts';
import { enrolmentLoaders } from '../loaders.ts';
import {
  countApplications,
  countContracts,
  listApplications,
  listContracts,
  type ApplicationRow,
  type ContractRow,
  type Cursor,
} from '../repository.ts';

const isCursor = (value: unknown): value is Cursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Cursor).at === 'string' &&
  typeof (value as Cursor).id === 'string';

const cursorOf = (row: { createdAt: Date; id: string }) =>
  encodeCursor({ at: row.createdAt.toISOString(), id: row.id });

function applicationPage(
  ctx: ExtraEducationContext,
  rows: ApplicationRow[],
  first: number,
  count: () => Promise<number>,
) {
  for (const row of rows) enrolmentLoaders(ctx).application.prime(row.id, row);
  return { ...connection(rows, first, cursorOf), totalCount: count };
}

function contractPage(ctx: ExtraEducationContext, rows: ContractRow[], first: number, count: () => Promise<number>) {
  for (const row of rows) enrolmentLoaders(ctx).contract.prime(row.id, row);
  return { ...connection(rows, first, cursorOf), totalCount: count };
}

export const Query = {
  extraApplication: (_, args, ctx) => foundInScope(enrolmentLoaders(ctx).application.load(args.id), 'Заявление'),
  extraApplications: async (_, args, ctx) => {
    const first = pageSize(args.first);
    const scope = ctx.policy.applicationsReadable();
    const filter = { organizationId: args.organizationId, status: args.status };
    const rows = await listApplications(ctx.db, scope, filter, { first, after: decodeCursor(args.after, isCursor) });
    return applicationPage(ctx, rows, first, () => countApplications(ctx.db, scope, filter));
  },
  extraContracts: async (_, args, ctx) => {
    const first = pageSize(args.first);
    const scope = ctx.policy.contractsReadable();
    const filter = { organizationId: args.organizationId, active: args.active };
    const rows = await listContracts(ctx.db, scope, filter, { first, after: decodeCursor(args.after, isCursor) });
    return contractPage(ctx, rows, first, () => countContracts(ctx.db, scope, filter));
  },
} satisfies QueryResolvers;

export type ApplicationConnectionRow = ReturnType<typeof applicationPage>;
export type ContractConnectionRow = ReturnType<typeof contractPage>;
