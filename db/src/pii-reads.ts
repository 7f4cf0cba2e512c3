/**
 * The personal-data access log (issue 14 §4): who read which personal-data fields of whom, when, and
 * through which operation. Owned by the people subgraph, in the `people` schema.
 *
 * Partitioned by month of `read_at` (declarative range partitioning). drizzle-kit does not describe
 * partitioning, so this file is deliberately not in `drizzle.config.ts`: the table, its partitions and the
 * functions that create and drop them are the hand-written migration `0032_pii_reads.sql`, and this
 * definition serves the queries only. Append-only: the people role holds INSERT and SELECT on it, never
 * UPDATE or DELETE (`migrate.ts`); old months go by dropping their partition
 * (`people.drop_pii_read_partitions`, run by `npm run pii-reads:purge`).
 */
import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.ts';

export const piiReads = people.table(
  'pii_reads',
  {
    id: uuid('id').notNull(),
    /** When the request that read the data started (the subgraph's clock). */
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
    /** Whose data was read. */
    personId: uuid('person_id').notNull(),
    /** The reading person, or null for a service account. */
    readerPersonId: uuid('reader_person_id'),
    /** The reading external system (`people.service_accounts.id`), or null for a person. */
    serviceAccountId: uuid('service_account_id'),
    /** The role of the grant that allowed the read (a `Role`). */
    role: text('role').notNull(),
    /** The grant's organization (an org admin's, a teacher's class's), when it has one. */
    organizationId: uuid('organization_id'),
    /** The grant's municipality (a coordinator's, a municipal system's), when it has one. */
    municipalityId: uuid('municipality_id'),
    /** The GraphQL field names read (`birthDate`, `phone`…), in the order first read. */
    fields: text('fields').array().notNull(),
    /** The client's operation name, when it named one. */
    operation: text('operation'),
  },
  (t) => [primaryKey({ columns: [t.id, t.readAt] }), index('pii_reads_person_idx').on(t.personId, t.readAt)],
);
