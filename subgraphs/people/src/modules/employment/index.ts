import { forbidden, loadTypeDefs, notFound, type SubgraphModule } from '@region/kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { PeopleContext } from '../../context.ts';
import { recordRead } from '../persons/masking.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PersonRow } from '../persons/repository.ts';
import type { EmploymentRow } from './repository.ts';
import type { OrganizationRow } from '../organizations/repository.ts';

/** Row scope of the card carries to its employments: the card row decides what may be read of them. */
export type EmploymentView = EmploymentRow & { piiGrant: number | null };

/** An organization's head as the staff records hold it; the card is read through the row-scoped loader. */
export interface OrganizationHeadRow {
  position: string;
  personId: string;
}

export const employmentModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      employments: async (row: PersonRow, _: unknown, ctx: PeopleContext): Promise<EmploymentView[]> => {
        const rows = await ctx.loaders.employments.load(row.id);
        return rows.map((employment) => ({ ...employment, piiGrant: row.piiGrant }));
      },
    },
    Organization: {
      head: async (row: OrganizationRow, _: unknown, ctx: PeopleContext): Promise<OrganizationHeadRow | null> => {
        const head = await ctx.loaders.organizationHead.load(row.id);
        return head ? { position: head.position, personId: head.personId } : null;
      },
    },
    OrganizationHead: {
      // The card through the row-scoped loader: outside the principal's access it is null with NOT_FOUND, as
      // `person(id:)` answers, so the position still shows and nothing of the person leaks.
      person: async (head: OrganizationHeadRow, _: unknown, ctx: PeopleContext) => {
        const person = await ctx.loaders.person.load(head.personId);
        if (!person) throw notFound('Карточка руководителя вне вашей зоны доступа.');
        return person;
      },
    },
    Employment: {
      organization: (row: EmploymentView, _: unknown, ctx: PeopleContext) =>
        ctx.loaders.organization.load(row.organizationId),
      maternityLeave: (row: EmploymentView, _: unknown, ctx: PeopleContext, info: GraphQLResolveInfo) => {
        if (row.piiGrant === null) throw forbidden('Нет доступа к полю «Отпуск по уходу за ребёнком» этого лица.');
        recordRead(ctx, info, row.personId, 'pii', row.piiGrant);
        return row.maternityLeave;
      },
    },
  } satisfies Resolvers,
};
