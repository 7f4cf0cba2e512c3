/**
 * The `learning` schema: school years and periods, classes and their members, subjects, curriculum,
 * teaching assignments, the schedule and its substitutions, lessons, marks, attendance and events. Owned by
 * the learning subgraph; persons and organizations are referred to by id (no foreign keys across schemas).
 *
 * Lessons, marks and attendance are partitioned by school year (`school_year`, the calendar year the
 * school year starts in): the partitioning is added by hand to the generated migration, since drizzle-kit
 * does not describe it. Their primary keys therefore include `school_year`.
 */
export * from './learning/common.ts';
export * from './learning/school.ts';
export * from './learning/journal.ts';
export * from './learning/changes.ts';
export * from './learning/mart.ts';
export * from './learning/people-outbox.ts';
export * from './learning/timetable.ts';
export * from './learning/files.ts';
