/** The admissions subgraph (its registry entry: `@region/schema`, `SUBGRAPHS`): used by `index.ts`, the tests and the launcher. */
import { changesModule } from './modules/changes/index.ts';
import { defineSubgraph, outboxMetrics, type SubgraphDeps } from '@region/kit';
import type { AdmissionsContext } from './context.ts';
import { applicationsModule, createApplicationLoaders } from './modules/applications/index.ts';
import { intakeModule } from './modules/intake/index.ts';
import { queueModule } from './modules/queue/index.ts';
import { statisticsModule } from './modules/statistics/index.ts';
import { territoryModule } from './modules/territory/index.ts';
import { admissionsOutbox, OUTBOX_EVENTS } from './outbox/table.ts';
import { peopleConsentLookup } from './people-consents.ts';
import { AdmissionsPolicy } from './policy.ts';

export interface AdmissionsDeps extends SubgraphDeps {
  /** People's subgraph endpoint (`/graphql`), asked for consents by the support search. */
  peopleUrl?: string | undefined;
}

const admissionsSubgraph = defineSubgraph<AdmissionsContext, AdmissionsDeps>({
  name: 'admissions',
  modules: [applicationsModule, intakeModule, statisticsModule, queueModule, territoryModule, changesModule],
  policy: (principal) => new AdmissionsPolicy(principal),
  loaders: createApplicationLoaders,
  extend: ({ token, deps }) => ({ consentsOf: peopleConsentLookup(deps.peopleUrl, token) }),
  metrics: (deps) => outboxMetrics(deps.db, admissionsOutbox, OUTBOX_EVENTS),
});
export default admissionsSubgraph;

/** Builds the subgraph without listening. */
export const createAdmissionsSubgraph = admissionsSubgraph.create;
