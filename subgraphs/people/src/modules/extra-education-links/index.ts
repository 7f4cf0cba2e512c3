/**
 * Which children applied to, or hold a contract with, an extra-education programme's organization (issue
 * 11): extra-education tells people through its outbox (a service account with `movement:write` over the
 * organization, as for the movement book); people keeps the link and `namesUnderGrant` lets the
 * organization's grant read those children's names while it lasts. Who may see whom stays people's rule;
 * people never reads extra-education's tables.
 */
import { badInput, conflict, forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { liveChildExists, organizationWritable, upsertLink } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const extraEducationLinksModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      recordExtraEducationLink: async (_, { input }, ctx) => {
        // Only extra-education's worker tells people this: an org admin also holds `movement:write` over
        // their organization and must not be able to give themself a name by naming a child.
        if (ctx.principal.kind !== 'SERVICE')
          throw forbidden('Связь ребёнка с организацией сообщает только подграф дополнительного образования.');
        for (const field of ['applicationId', 'childId', 'organizationId'] as const)
          if (!UUID.test(input[field])) throw badInput('Неверный идентификатор.', `input.${field}`);
        if (input.visibleUntil != null && !DATE.test(String(input.visibleUntil)))
          throw badInput('Дата в виде ГГГГ-ММ-ДД.', 'input.visibleUntil');
        const changedAt = new Date(String(input.changedAt));
        if (Number.isNaN(changedAt.getTime())) throw badInput('Неверный момент изменения.', 'input.changedAt');
        return ctx.db.transaction(async (tx) => {
          if (!(await organizationWritable(tx, ctx.policy, input.organizationId)))
            throw forbidden('Нет доступа к этой организации.');
          if (!(await liveChildExists(tx, input.childId))) throw conflict('Ребёнок не найден в реестре.');
          return upsertLink(tx, {
            applicationId: input.applicationId,
            childId: input.childId,
            organizationId: input.organizationId,
            visibleUntil: input.visibleUntil ? String(input.visibleUntil) : null,
            changedAt,
          });
        });
      },
    },
  } satisfies Resolvers,
};
