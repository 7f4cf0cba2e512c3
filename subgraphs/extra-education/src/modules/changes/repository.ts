import type { ChangeLog } from '@region/kit';
import { extraEducationTables } from '@region/db';

/** Extra education's change log and its horizon, read (and pruned) by the kit's change feed. */
export const changeLog: ChangeLog = { log: extraEducationTables.changes, horizon: extraEducationTables.changesHorizon };
