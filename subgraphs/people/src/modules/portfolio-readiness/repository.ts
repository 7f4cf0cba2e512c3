import { qualified, tables, type Executor } from '@region/db';
import { CONSENTED_SQL } from '../persons/repository.ts';
import type { EsiaSnapshot } from './readiness.ts';
import { eq, inArray, sql } from 'drizzle-orm';

const { guardianships, persons } = tables;
const PERSON_ID = qualified(persons.id);

/** Guardians of many children at once, with what the portfolio conditions need (no row scope: facts only). */
export function guardianFacts(db: Executor, childIds: readonly string[]) {
  return db
    .select({
      childId: guardianships.childId,
      id: persons.id,
      lastName: persons.lastName,
      firstName: persons.firstName,
      middleName: persons.middleName,
      birthDate: persons.birthDate,
      documentType: persons.documentType,
      documentSeries: persons.documentSeries,
      documentNumber: persons.documentNumber,
      consented: sql<boolean>`${CONSENTED_SQL}`,
      esiaLinked: sql<boolean>`exists (select 1 from people.esia_links l where l.person_id = ${PERSON_ID})`,
      esia: sql<EsiaSnapshot | null>`(select jsonb_build_object('lastName', p.last_name, 'firstName', p.first_name,
          'middleName', p.middle_name, 'birthDate', p.birth_date, 'documentType', p.document_type,
          'documentSeries', p.document_series, 'documentNumber', p.document_number, 'kids', p.kids)
        from people.esia_profiles p join people.esia_links l on l.esia_oid = p.esia_oid
        where l.person_id = ${PERSON_ID} order by p.seen_at desc limit 1)`,
    })
    .from(guardianships)
    .innerJoin(persons, eq(persons.id, guardianships.guardianId))
    .where(inArray(guardianships.childId, [...childIds]));
}
