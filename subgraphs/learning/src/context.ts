import type { Database } from '@region/db';
import type { SubgraphContext } from '@region/kit';
import { createClassLoaders } from './modules/classes/loaders.ts';
import { createDiaryLoaders } from './modules/diary/loaders.ts';
import { createJournalLoaders } from './modules/journal/loaders.ts';
import { createPortfolioLoaders } from './modules/portfolio/loaders.ts';
import { createHomeworkFileLoaders } from './modules/homework-files/loaders.ts';
import type { HomeworkFileSettings } from './files.ts';
import { createSchoolYearLoaders } from './modules/school-year/loaders.ts';
import { createTimetableLoaders } from './modules/timetable/loaders.ts';
import { LearningPolicy } from './policy.ts';
import type { PeopleNames } from './people-names.ts';

export type LearningContext = SubgraphContext<LearningPolicy, ReturnType<typeof createLoaders>> & {
  /** Learners' names from people, for the files learning writes (people-names.ts). */
  peopleNames: PeopleNames;
  /** The file store, scanner and URL signer of homework files (issue 15 §2). */
  files: HomeworkFileSettings;
};

export function createLoaders(db: Database, policy: LearningPolicy) {
  return {
    ...createClassLoaders(db, policy),
    ...createJournalLoaders(db, policy),
    ...createSchoolYearLoaders(db),
    ...createDiaryLoaders(db, policy),
    ...createPortfolioLoaders(db),
    ...createTimetableLoaders(db),
    ...createHomeworkFileLoaders(db, policy),
  };
}
