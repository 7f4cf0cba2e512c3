import type { ChangeLog } from '@region/kit';
import { admissionsTables } from '@region/db';

/** Admissions' change log and its horizon, read (and pruned) by the kit's change feed. */
export const changeLog: ChangeLog = { log: admissionsTables.changes, horizon: admissionsTables.changesHorizon };
