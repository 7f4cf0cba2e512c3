import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { assertCanRead } from '../persons/masking.ts';
import type { PersonRow } from '../persons/repository.ts';
import { portfolioProblems, type GuardianFacts } from './readiness.ts';

export const portfolioReadinessModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      portfolioReadiness: async (row: PersonRow, _: unknown, ctx: PeopleContext) => {
        assertCanRead(row, 'pii', 'Готовность портфолио');
        // A depersonalized guardian's link is shown only to the family (as in `Person.guardians`).
        const guardians: GuardianFacts[] = (await ctx.loaders.guardianFacts.load(row.id)).filter(
          (guardian) => guardian.consented || ctx.policy.isFamilyOf(guardian.id) || ctx.policy.isFamilyOf(row.id),
        );
        const problems = portfolioProblems(row, guardians);
        return {
          ready: problems.length === 0,
          problems: problems.map((problem) => ({
            ...problem,
            guardian: problem.guardianId ? ctx.loaders.person.load(problem.guardianId) : null,
          })),
        };
      },
    },
  } satisfies Resolvers,
};
