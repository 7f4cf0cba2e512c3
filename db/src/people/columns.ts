/** The `people` schema object and the column helpers its tables share (people.ts re-exports the tables). */
import { sql } from 'drizzle-orm';
import { pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';

export const people = pgSchema('people');

export const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
