/** Builds the admissions subgraph without listening: used by `index.ts`, the tests and the launcher. */
import { createSubgraph, type Subgraph, type SubgraphDeps } from '@region/kit';
import { createContext, type AdmissionsContext } from './context.ts';
import { applicationsModule } from './modules/applications/index.ts';
import { intakeModule } from './modules/intake/index.ts';
import { queueModule } from './modules/queue/index.ts';
import { statisticsModule } from './modules/statistics/index.ts';
import { territoryModule } from './modules/territory/index.ts';

export function createAdmissionsSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const now = deps.now ?? (() => new Date());
  return createSubgraph<AdmissionsContext>({
    name: 'admissions',
    modules: [applicationsModule, intakeModule, statisticsModule, queueModule, territoryModule],
    verifyInternalToken: deps.verifyInternalToken,
    createContext: (principal) => createContext(principal, { db: deps.db, logger: deps.logger, now }),
    logger: deps.logger,
    db: deps.db,
  });
}
