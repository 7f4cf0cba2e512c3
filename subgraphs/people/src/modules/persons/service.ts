/**
 * Creating and editing person cards (DOMAIN.md rules 6, 8, 9): check digits at the edge, no second record
 * for an existing SNILS or identity document, an explicit confirmation for a likely duplicate (same
 * normalized full name and birth date), and every change written to history in the same transaction.
 */
import { AppError, conflict, forbidden, notFound } from '@region/kit';
import { tables, type Database, type Executor } from '@region/db';
import { normalizeFullName } from '@region/db/normalize';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { diffHistory, recordHistory } from '../history.ts';
import { CONSENTED_SQL } from './repository.ts';
import { cleanPersonFields, type PersonFields } from './validation.ts';

const { persons, organizations, consents } = tables;

export interface CreatePersonInput extends PersonFields {
  /** The organization registering the card: the admin's own (row scope follows from it). */
  organizationId: string;
  processingConsent?: boolean | null;
  lastName: string;
  firstName: string;
}

const UNIQUE_MESSAGES: Record<string, [string, string]> = {
  persons_snils_key: ['Человек с таким СНИЛС уже есть в системе. Найдите его карточку вместо создания новой.', 'snils'],
  persons_document_key: [
    'Человек с таким документом уже есть в системе. Найдите его карточку вместо создания новой.',
    'documentNumber',
  ],
};

/** A concurrent insert can still hit the unique indexes after our checks: answer it the same way. */
export function mapUniqueViolation(error: unknown): never {
  const constraint = (error as { code?: string; constraint_name?: string }).constraint_name;
  if ((error as { code?: string }).code === '23505' && constraint && UNIQUE_MESSAGES[constraint]) {
    const [message, field] = UNIQUE_MESSAGES[constraint];
    throw conflict(message, { reason: 'EXISTING_PERSON', field });
  }
  throw error;
}

async function refuseExisting(tx: Executor, fields: PersonFields, exceptId: string | null): Promise<void> {
  const other = exceptId ? ne(persons.id, exceptId) : undefined;
  if (fields.snils) {
    const [found] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.snils, fields.snils), isNull(persons.mergedInto), other));
    if (found) mapUniqueViolation({ code: '23505', constraint_name: 'persons_snils_key' });
  }
  if (fields.documentNumber && fields.documentType) {
    const [found] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(
        and(
          eq(persons.documentType, fields.documentType),
          sql`${persons.documentSeries} is not distinct from ${fields.documentSeries ?? null}`,
          eq(persons.documentNumber, fields.documentNumber),
          isNull(persons.mergedInto),
          other,
        ),
      );
    if (found) mapUniqueViolation({ code: '23505', constraint_name: 'persons_document_key' });
  }
}

async function mayWriteOrganization(tx: Executor, policy: PeoplePolicy, organizationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), policy.organizationsWithScope('pii:write')));
  return Boolean(row);
}

export async function createPerson(
  db: Database,
  policy: PeoplePolicy,
  input: CreatePersonInput,
  options: { confirmPossibleDuplicate: boolean; today: string },
): Promise<string> {
  const { organizationId, processingConsent, ...raw } = input;
  const fields = cleanPersonFields(raw, true, options.today);
  return db
    .transaction(async (tx) => {
      if (!(await mayWriteOrganization(tx, policy, organizationId))) {
        throw forbidden('Создавать карточки можно только в своей организации.');
      }
      await refuseExisting(tx, fields, null);
      const normalizedName = normalizeFullName(fields.lastName!, fields.firstName!, fields.middleName ?? null);
      if (fields.birthDate && !options.confirmPossibleDuplicate) {
        const [{ count }] = (await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(persons)
          .where(
            and(
              eq(persons.normalizedName, normalizedName),
              eq(persons.birthDate, fields.birthDate),
              isNull(persons.mergedInto),
              // A depersonalized record is not matched by its name (rule 5): the answer would confirm it.
              CONSENTED_SQL,
            ),
          )) as [{ count: number }];
        if (count > 0) {
          throw new AppError(
            'CONFLICT',
            'В системе уже есть человек с такими же ФИО и датой рождения. Проверьте, не он ли это; если это другой человек, подтвердите создание.',
            { reason: 'POSSIBLE_DUPLICATE', matches: count },
          );
        }
      }
      const [created] = await tx
        .insert(persons)
        .values({
          ...fields,
          lastName: fields.lastName!,
          firstName: fields.firstName!,
          normalizedName,
          registeredByOrganizationId: organizationId,
        })
        .returning({ id: persons.id });
      const history = diffHistory('person', created!.id, {}, { ...fields }, policy.personId);
      if (processingConsent) {
        // A paper consent the staff member registers; who registered it is kept in history.
        await tx.insert(consents).values({ personId: created!.id, kind: 'PROCESSING', grantedBy: null });
        history.push({
          entity: 'consent',
          entityId: created!.id,
          field: 'PROCESSING',
          oldValue: null,
          newValue: 'GRANTED',
          changedBy: policy.personId,
        });
      }
      await recordHistory(tx, ...history);
      return created!.id;
    })
    .catch(mapUniqueViolation);
}

export async function updatePerson(
  db: Database,
  policy: PeoplePolicy,
  id: string,
  patch: PersonFields,
  today: string,
): Promise<string> {
  const fields = cleanPersonFields(patch, false, today);
  return db
    .transaction(async (tx) => {
      const [current] = await tx
        .select({ row: persons, canWrite: sql<boolean>`${policy.personsWithScope('pii:write')}` })
        .from(persons)
        .where(and(eq(persons.id, id), isNull(persons.mergedInto), policy.personsWithScope('person:read')))
        .for('update');
      if (!current) throw notFound('Человек');
      if (!current.canWrite) throw forbidden('Изменять эту карточку вам нельзя.');
      await refuseExisting(tx, fields, id);
      // Names were checked as required above, so a given last or first name is never blank here.
      const { lastName, firstName, ...rest } = fields;
      const names = { lastName: lastName ?? current.row.lastName, firstName: firstName ?? current.row.firstName };
      const middleName = 'middleName' in fields ? (fields.middleName ?? null) : current.row.middleName;
      const normalizedName = normalizeFullName(names.lastName, names.firstName, middleName);
      const changes = diffHistory('person', id, current.row, fields as Record<string, unknown>, policy.personId);
      if (changes.length === 0) return id;
      await tx
        .update(persons)
        .set({ ...rest, ...names, normalizedName, updatedAt: new Date() })
        .where(eq(persons.id, id));
      await recordHistory(tx, ...changes);
      return id;
    })
    .catch(mapUniqueViolation);
}
