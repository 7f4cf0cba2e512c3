/** The admissions outbox: the delivery worker and the ЕПГУ deliverer (DOMAIN.md rule 17). */
export * from './worker.ts';
export * from './epgu-client.ts';
export * from './movement-book-client.ts';
export * from './start.ts';
