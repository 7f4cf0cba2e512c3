/** The transactional outbox as a kit part (issue 10 §2): see `worker.ts`, and docs/architecture.md. */
export * from './worker.ts';
export * from './backlog.ts';
export * from './env.ts';
export * from './gateway-client.ts';
