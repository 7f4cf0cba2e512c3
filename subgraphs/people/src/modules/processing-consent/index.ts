/**
 * Consent state for the subgraphs that keep copies of a person's data (admissions' applications, later
 * extra-education): they `@requires` `ProcessingConsent.granted` and depersonalize their copies as people
 * does (DOMAIN.md rule 5). The type is `@inaccessible`, so only the gateway's query planner reaches it; it
 * answers for any person id, since the field it guards is checked by the asking subgraph's own row scope
 * and a person outside the principal's people scope (a child applying to a school) still has a consent state.
 */
import type { Resolvers } from '../../generated/resolvers.ts';
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';

export const processingConsentModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    ProcessingConsent: {
      __resolveReference: async (ref: { personId: string }, ctx: PeopleContext) => {
        const consents = await ctx.loaders.consents.load(ref.personId);
        return {
          personId: ref.personId,
          granted: consents.some((consent) => consent.kind === 'PROCESSING' && consent.withdrawnAt === null),
        };
      },
    },
  } satisfies Resolvers,
};
