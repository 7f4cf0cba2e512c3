/** Builds the admissions subgraph without listening: used by `index.ts`, the tests and the launcher. */
import { createSubgraph, type Subgraph, type SubgraphDeps } from '@region/kit';
import { createContext, type AdmissionsContext } from './context.ts';
import { applicationsModule } from './modules/applications/index.ts';
import { intakeModule } from './modules/intake/index.ts';
import { queueModule } from './modules/queue/index.ts';
import { statisticsModule } from './modules/statistics/index.ts';
import { territoryModule } from './modules/territory/index.ts';
import { outboxMetrics } from './outbox/backlog.ts';

export interface AdmissionsDeps extends SubgraphDeps {
  /** People's subgraph endpoint (`/graphql`), asked for consents by the support search. */
  peopleUrl?: string | undefined;
}

export function createAdmissionsSubgraph(deps: AdmissionsDeps): Promise<Subgraph> {
  const now = deps.now ?? (() => new Date());
  return createSubgraph<AdmissionsContext>({
    name: 'admissions',
    modules: [applicationsModule, intakeModule, statisticsModule, queueModule, territoryModule],
    verifyInternalToken: deps.verifyInternalToken,
    createContext: (principal, token) =>
      createContext(principal, { db: deps.db, logger: deps.logger, now, peopleUrl: deps.peopleUrl }, token),
    logger: deps.logger,
    db: deps.db,
    metrics: outboxMetrics(deps.db),
  });
}
