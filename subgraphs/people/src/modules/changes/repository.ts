import type { ChangeLog } from '@region/kit';
import { tables } from '@region/db';

/** People's change log and its horizon, read (and pruned) by the kit's change feed. */
export const changeLog: ChangeLog = { log: tables.changes, horizon: tables.changesHorizon };
