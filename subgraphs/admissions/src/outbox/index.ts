/** The admissions outbox: its table and events, the ЕПГУ and movement-book deliverers (DOMAIN.md rule 17). */
export * from './table.ts';
export * from './epgu-client.ts';
export * from './movement-book-client.ts';
export * from './start.ts';
