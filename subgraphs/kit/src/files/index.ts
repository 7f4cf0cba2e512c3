export * from './storage.ts';
export * from './scan.ts';
export * from './inspect.ts';
export * from './tickets.ts';
export * from './s3.ts';
export * from './config.ts';
export * from './settings.ts';
export * from './routes.ts';
