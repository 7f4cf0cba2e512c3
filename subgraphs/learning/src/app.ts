/** The learning subgraph (its registry entry: `@region/schema`, `SUBGRAPHS`): used by `index.ts`, the tests and the launcher. */
import { defineSubgraph, outboxMetrics, type SubgraphDeps } from '@region/kit';
import { createLoaders, type LearningContext } from './context.ts';
import { changesModule } from './modules/changes/index.ts';
import { classesModule } from './modules/classes/index.ts';
import { diaryModule } from './modules/diary/index.ts';
import { journalModule } from './modules/journal/index.ts';
import { martModule } from './modules/mart/index.ts';
import { portfolioModule } from './modules/portfolio/index.ts';
import { schoolYearModule } from './modules/school-year/index.ts';
import { teacherScheduleModule } from './modules/teacher-schedule/index.ts';
import { peopleOutbox, PEOPLE_OUTBOX_EVENTS } from './outbox/table.ts';
import { timetableModule } from './modules/timetable/index.ts';
import { homeworkFilesModule } from './modules/homework-files/index.ts';
import { homeworkFileRoutes } from './modules/homework-files/route.ts';
import { fileSettingsOf, type HomeworkFileSettings } from './files.ts';
import { LearningPolicy } from './policy.ts';
import { peopleNames } from './people-names.ts';
import { reportCardModule } from './modules/report-card/index.ts';

export interface LearningDeps extends SubgraphDeps {
  /** People's subgraph endpoint (`/graphql`), asked for learners' names in the сводная ведомость's file. */
  peopleUrl?: string | undefined;
  /** Homework files' store, scanner and URL signer; left out: the local disk under `.data/files` (files.ts). */
  files?: HomeworkFileSettings;
}

const learningSubgraph = defineSubgraph<LearningContext, LearningDeps>({
  name: 'learning',
  modules: [
    classesModule,
    journalModule,
    diaryModule,
    portfolioModule,
    schoolYearModule,
    teacherScheduleModule,
    timetableModule,
    changesModule,
    reportCardModule,
    martModule,
    homeworkFilesModule,
  ],
  policy: (principal) => new LearningPolicy(principal),
  loaders: createLoaders,
  extend: ({ token, deps }) => ({ peopleNames: peopleNames(deps.peopleUrl, token), files: fileSettingsOf(deps) }),
  metrics: (deps) => outboxMetrics(deps.db, peopleOutbox, PEOPLE_OUTBOX_EVENTS),
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
