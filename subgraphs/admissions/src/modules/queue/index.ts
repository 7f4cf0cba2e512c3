import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { ApplicationRow } from '../applications/service.ts';
import type { positionsOf } from './service.ts';

export type QueuePositionRow = Awaited<ReturnType<typeof positionsOf>>[number];

export const queueModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Application: {
      queuePositions: (row: ApplicationRow, _: unknown, ctx: AdmissionsContext) =>
        ctx.loaders.queuePositions.load(row.id),
    },
    QueuePosition: {
      organization: (row: QueuePositionRow) => ({ __typename: 'Organization' as const, id: row.organizationId }),
    },
  } satisfies Resolvers,
};
