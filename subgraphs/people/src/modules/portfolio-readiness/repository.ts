import { qualified, tables, type Executor } from '@region/db';
import { eq, inArray, sql } from 'drizzle-orm';

const { guardianships, persons } = tables;

/** Guardians of many children at once, with what the portfolio conditions need (no row scope: facts only). */
export function guardianFacts(db: Executor, childIds: readonly string[]) {
  return db
    .select({
      childId: guardianships.childId,
      id: persons.id,
      lastName: persons.lastName,
      firstName: persons.firstName,
      birthDate: persons.birthDate,
      documentNumber: persons.documentNumber,
      esiaLinked: sql<boolean>`exists (select 1 from people.esia_links l where l.person_id = ${qualified(persons.id)})`,
    })
    .from(guardianships)
    .innerJoin(persons, eq(persons.id, guardianships.guardianId))
    .where(inArray(guardianships.childId, [...childIds]));
}
