/** The learning subgraph (its registry entry: `@region/schema`, `SUBGRAPHS`): used by `index.ts`, the tests and the launcher. */
import { defineSubgraph } from '@region/kit';
import { createLoaders, type LearningContext } from './context.ts';
import { changesModule } from './modules/changes/index.ts';
import { classesModule } from './modules/classes/index.ts';
import { diaryModule } from './modules/diary/index.ts';
import { journalModule } from './modules/journal/index.ts';
import { portfolioModule } from './modules/portfolio/index.ts';
import { schoolYearModule } from './modules/school-year/index.ts';
import { teacherScheduleModule } from './modules/teacher-schedule/index.ts';
import { homeworkFilesModule } from './modules/homework-files/index.ts';
import { homeworkFileRoutes } from './modules/homework-files/route.ts';
import { fileSettingsOf, type LearningDeps } from './files.ts';
import { LearningPolicy } from './policy.ts';

const learningSubgraph = defineSubgraph<LearningContext, LearningDeps>({
  name: 'learning',
  modules: [
    classesModule,
    journalModule,
    diaryModule,
    portfolioModule,
    schoolYearModule,
    teacherScheduleModule,
    changesModule,
    homeworkFilesModule,
  ],
  policy: (principal) => new LearningPolicy(principal),
  loaders: createLoaders,
  extend: ({ deps }) => ({ files: fileSettingsOf(deps) }),
  routes: (deps) =>
    homeworkFileRoutes({
      db: deps.db,
      files: fileSettingsOf(deps),
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
    }),
});
export default learningSubgraph;

/** Builds the subgraph without listening. */
export const createLearningSubgraph = learningSubgraph.create;
