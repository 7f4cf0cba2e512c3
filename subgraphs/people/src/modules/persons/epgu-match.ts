/**
 * ЕПГУ's match of a child for a ПФДО certificate (issue 11, rule 19): the person whose SNILS and birth date
 * both equal what the application carries. Answers the id only — no name, no other field — to a service
 * account holding `extra:intake`; a SNILS alone never finds anybody (both must match), and a merged-away
 * duplicate is never answered (rule 8: the kept record is the one person).
 */
import { normalizeSnils } from '@region/schema';
import { tables, type Executor } from '@region/db';
import { and, eq, isNull } from 'drizzle-orm';

const { persons } = tables;

export async function personIdBySnils(db: Executor, snils: string, birthDate: string): Promise<string | null> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.snils, normalizeSnils(snils)), eq(persons.birthDate, birthDate), isNull(persons.mergedInto)))
    .limit(1);
  return row?.id ?? null;
}
