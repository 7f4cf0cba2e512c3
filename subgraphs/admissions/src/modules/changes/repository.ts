import { admissionsTables } from '@region/db';

/** Admissions' change log, read by the kit's change-feed reader. */
export const changeLog = admissionsTables.changes;
