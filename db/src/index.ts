export * from './client.ts';
export * from './migrate.ts';
export * as tables from './people.ts';
export * as learningTables from './learning.ts';
export * as admissionsTables from './admissions.ts';
export * from './production-calendar.ts';
export * as extraEducationTables from './extra-education.ts';
export * as analyticsTables from './analytics.ts';
export * as communicationTables from './communication.ts';
