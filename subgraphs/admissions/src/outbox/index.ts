/** The admissions outbox: its table and events, the ЕПГУ, movement-book and application-notice deliverers (DOMAIN.md rule 17). */
export * from './table.ts';
export * from './epgu-client.ts';
export * from './movement-book-client.ts';
export {
  applicationNoticeDeliverer,
  applicationNoticeKey,
  type ApplicationNoticePayload,
} from './application-notice-client.ts';
export * from './start.ts';
