export * from './dates.ts';
export * from './calendar.ts';
export * from './holidays.ts';
export * from './campaign.ts';
export * from './rules.ts';
