import { forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PersonRow } from '../persons/repository.ts';
import type { EmploymentRow } from './repository.ts';

/** Row scope of the card carries to its employments: the card row decides what may be read of them. */
export type EmploymentView = EmploymentRow & { canReadPii: boolean };

export const employmentModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      employments: async (row: PersonRow, _: unknown, ctx: PeopleContext): Promise<EmploymentView[]> => {
        const rows = await ctx.loaders.employments.load(row.id);
        return rows.map((employment) => ({ ...employment, canReadPii: row.canReadPii }));
      },
    },
    Employment: {
      organization: (row: EmploymentView, _: unknown, ctx: PeopleContext) =>
        ctx.loaders.organization.load(row.organizationId),
      maternityLeave: (row: EmploymentView) => {
        if (!row.canReadPii) throw forbidden('Нет доступа к полю «Отпуск по уходу за ребёнком» этого лица.');
        return row.maternityLeave;
      },
    },
  } satisfies Resolvers,
};
