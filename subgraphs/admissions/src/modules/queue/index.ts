import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { AdmissionsContext } from '../../context.ts';
import type { ApplicationRow } from '../applications/service.ts';

export const queueModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Application: {
      queuePositions: (row: ApplicationRow, _: unknown, ctx: AdmissionsContext) =>
        ctx.loaders.queuePositions.load(row.id),
    },
    QueuePosition: {
      organization: (row: { organizationId: string }) => ({ __typename: 'Organization', id: row.organizationId }),
    },
  } as SubgraphModule<AdmissionsContext>['resolvers'],
};
