/** Assigned territories: their SQL (STYLE.md: repositories are plain functions). */
import { admissionsTables, type Executor } from '@region/db';
import { eq } from 'drizzle-orm';

const { territories } = admissionsTables;

/** Every territory segment on the street (the house ranges are matched in `address.ts`). */
export function territoriesOfStreet(db: Executor, street: string) {
  return db.select().from(territories).where(eq(territories.street, street));
}
