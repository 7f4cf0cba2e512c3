import { forbidden, loadTypeDefs, rowLoader, type SubgraphModule } from '@region/kit';
import type { Executor } from '@region/db';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PeoplePolicy } from '../../policy.ts';
import { completenessOf, completePercent, type Completeness } from './repository.ts';

export function createCompletenessLoaders(db: Executor, policy: PeoplePolicy) {
  return {
    organizationCompleteness: rowLoader(
      (ids: readonly string[]) => completenessOf(db, policy, 'organization', ids),
      (row) => row.key,
    ),
    municipalityCompleteness: rowLoader(
      (ids: readonly string[]) => completenessOf(db, policy, 'municipality', ids),
      (row) => row.key,
    ),
  };
}

/** Refused per row, like a personal-data field: null with FORBIDDEN and its path, the rest of the page stays. */
function visible(figures: Completeness | null, refusal: string): Completeness | null {
  if (figures && !figures.allowed) throw forbidden(refusal);
  return figures;
}

export const completenessModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Organization: {
      dataCompleteness: async (org: { id: string }, _: unknown, ctx: PeopleContext) =>
        visible(
          await ctx.loaders.organizationCompleteness.load(org.id),
          'Сводка заполнения данных организации доступна координаторам её территории, министерству и её администрации.',
        ),
    },
    Municipality: {
      dataCompleteness: async (municipality: { id: string }, _: unknown, ctx: PeopleContext) =>
        visible(
          await ctx.loaders.municipalityCompleteness.load(municipality.id),
          'Сводка заполнения данных муниципалитета доступна его координатору, региональному оператору и министерству.',
        ),
    },
    DataCompleteness: {
      studentsCompletePercent: (row: Completeness) => completePercent(row.students, row.studentsWithGaps),
      staffCompletePercent: (row: Completeness) => completePercent(row.staff, row.staffWithGaps),
    },
  } satisfies Resolvers,
};
