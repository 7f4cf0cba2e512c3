/**
 * The «Моя школа» delivery report (issue 14 §3): what the mart sent for one organization, what the receiver
 * refused and why. The regional operator reads any organization, an organization's admin their own
 * (`mart:read` where held); another organization is `FORBIDDEN`.
 */
import { forbidden, loadTypeDefs, pageSize, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { deliveryTotals, newestBatches } from './repository.ts';

export const martModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      moyaShkolaDeliveryReport: async (_, { organizationId, first }, ctx) => {
        const reach = ctx.policy.organizationsWith('mart:read');
        if (reach !== 'ALL' && !reach.includes(organizationId)) {
          throw forbidden('Отчёт о передаче в «Моя школа» доступен оператору региона и администратору организации.');
        }
        const [totals, batches] = await Promise.all([
          deliveryTotals(ctx.db, organizationId),
          newestBatches(ctx.db, organizationId, pageSize(first ?? 20)),
        ]);
        return {
          organizationId,
          acceptedRecords: totals.sent,
          refusedRecords: totals.refused,
          pendingBatches: totals.pending,
          deadBatches: totals.dead,
          lastDeliveredAt: totals.lastDeliveredAt,
          batches: batches.map((batch) => ({
            id: batch.id,
            status: batch.status as 'PENDING' | 'DELIVERED' | 'DEAD',
            createdAt: batch.createdAt,
            deliveredAt: batch.deliveredAt,
            attempts: batch.attempts,
            records: batch.recordCount,
            accepted: batch.acceptedCount,
            refusals: batch.refusals.map((refusal) => ({
              recordType: refusal.type,
              recordId: refusal.id,
              code: refusal.code,
              reason: refusal.reason,
            })),
            lastError: batch.lastError,
          })),
        };
      },
    },
  } satisfies Resolvers,
};
