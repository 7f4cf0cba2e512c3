import type { ChangeLog } from '@region/kit';
import { learningTables } from '@region/db';

/** Learning's change log and its horizon, read (and pruned) by the kit's change feed. */
export const changeLog: ChangeLog = { log: learningTables.changes, horizon: learningTables.changesHorizon };
