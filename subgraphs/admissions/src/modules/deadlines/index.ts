export * from './dates.ts';
export * from './calendar.ts';
export * from './production-calendar.ts';
export * from './campaign.ts';
export * from './rules.ts';
