/** Builds the learning subgraph without listening: used by `index.ts`, the tests and the launcher. */
import { createSubgraph, type Subgraph, type SubgraphDeps } from '@region/kit';
import { createContext, type LearningContext } from './context.ts';
import { classesModule } from './modules/classes/index.ts';
import { diaryModule } from './modules/diary/index.ts';
import { journalModule } from './modules/journal/index.ts';
import { portfolioModule } from './modules/portfolio/index.ts';
import { schoolYearModule } from './modules/school-year/index.ts';
import { teacherScheduleModule } from './modules/teacher-schedule/index.ts';

export function createLearningSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const now = deps.now ?? (() => new Date());
  return createSubgraph<LearningContext>({
    name: 'learning',
    modules: [classesModule, journalModule, diaryModule, portfolioModule, schoolYearModule, teacherScheduleModule],
    verifyInternalToken: deps.verifyInternalToken,
    createContext: (principal) => createContext(principal, { db: deps.db, logger: deps.logger, now }),
    logger: deps.logger,
    db: deps.db,
  });
}
