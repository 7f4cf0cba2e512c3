import { learningTables } from '@region/db';

/** Learning's change log, read by the kit's change-feed reader. */
export const changeLog = learningTables.changes;
