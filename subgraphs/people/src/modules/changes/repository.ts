import { tables } from '@region/db';

/** People's change log, read by the kit's change-feed reader. */
export const changeLog = tables.changes;
