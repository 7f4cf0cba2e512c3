import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { ExtraCoverage } from './resolvers/ExtraCoverage.ts';
import { Query } from './resolvers/Query.ts';
import { Municipality, Organization } from './resolvers/Territory.ts';

/**
 * Extra-education coverage of the region (DOMAIN.md rule 21): children 5–18 enrolled in at least one programme,
 * by direction; certificates by status; programmes without enrolment. The children of an area are people's
 * (`ExtraCoverage.childIds`, `@requires`), the contracts ours.
 */
export const coverageModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: { Query, Municipality, Organization, ExtraCoverage } satisfies Resolvers,
};
