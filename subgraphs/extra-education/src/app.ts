/** The extra-education subgraph (its registry entry: `@region/schema`, `SUBGRAPHS`): used by `index.ts`, the tests and the launcher. */
import { defineSubgraph, outboxMetrics, type SubgraphDeps } from '@region/kit';
import type { ExtraEducationContext } from './context.ts';
import { catalogueModule } from './modules/catalogue/index.ts';
import { changesModule } from './modules/changes/index.ts';
import { createCertificateLoaders } from './modules/certificates/loaders.ts';
import { certificatePeople } from './modules/certificates/people.ts';
import { certificatesModule } from './modules/certificates/index.ts';
import { fundingModule } from './modules/funding/index.ts';
import { createFundingLoaders } from './modules/funding/loaders.ts';
import { createCatalogueLoaders } from './modules/catalogue/loaders.ts';
import { coverageModule } from './modules/coverage/index.ts';
import { createCoverageLoaders } from './modules/coverage/loaders.ts';
import { enrolmentModule } from './modules/enrolment/index.ts';
import { extraEducationOutbox, OUTBOX_EVENTS } from './outbox/table.ts';
import { peopleOrganizationLookup } from './people-organizations.ts';
import { ExtraEducationPolicy } from './policy.ts';

export interface ExtraEducationDeps extends SubgraphDeps {
  /** People's subgraph endpoint (`/graphql`), asked for an organization's municipality and address. */
  peopleUrl?: string | undefined;
}

const extraEducationSubgraph = defineSubgraph<ExtraEducationContext, ExtraEducationDeps>({
  name: 'extra-education',
  modules: [catalogueModule, certificatesModule, fundingModule, coverageModule, enrolmentModule, changesModule],
  policy: (principal) => new ExtraEducationPolicy(principal),
  loaders: (db, policy) => ({
    ...createCatalogueLoaders(db, policy),
    ...createCertificateLoaders(db, policy),
    ...createFundingLoaders(db),
    ...createCoverageLoaders(db),
  }),
  metrics: (deps) => outboxMetrics(deps.db, extraEducationOutbox, OUTBOX_EVENTS),
  extend: ({ token, deps }) => ({
    organizationOf: peopleOrganizationLookup(deps.peopleUrl, token),
    people: certificatePeople(deps.peopleUrl, token),
  }),
});
export default extraEducationSubgraph;

/** Builds the subgraph without listening. */
export const createExtraEducationSubgraph = extraEducationSubgraph.create;
