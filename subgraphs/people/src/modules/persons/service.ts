/**
 * Creating and editing person cards (DOMAIN.md rules 6, 8, 9): check digits at the edge, no second record
 * for an existing SNILS or identity document, an explicit confirmation for a likely duplicate (same
 * normalized full name and birth date), and every change written to history in the same transaction.
 */
import { AppError, conflict, forbidden, notFound } from '@region/kit';
import type { Database, Executor } from '@region/db';
import { normalizeFullName } from '@region/db/normalize';
import type { PeoplePolicy } from '../../policy.ts';
import { diffHistory, recordHistory } from '../history.ts';
import {
  countConsentedNamesakes,
  insertPaperProcessingConsent,
  insertPerson,
  liveCardWithDocument,
  liveCardWithSnils,
  lockReadablePerson,
  updatePersonRow,
  writableOrganization,
} from './repository.ts';
import { cleanPersonFields, type PersonFields } from './validation.ts';

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
  if (fields.snils) {
    const found = await liveCardWithSnils(tx, fields.snils, exceptId);
    if (found) mapUniqueViolation({ code: '23505', constraint_name: 'persons_snils_key' });
  }
  if (fields.documentNumber && fields.documentType) {
    const found = await liveCardWithDocument(
      tx,
      { type: fields.documentType, series: fields.documentSeries ?? null, number: fields.documentNumber },
      exceptId,
    );
    if (found) mapUniqueViolation({ code: '23505', constraint_name: 'persons_document_key' });
  }
}

async function mayWriteOrganization(tx: Executor, policy: PeoplePolicy, organizationId: string): Promise<boolean> {
  return Boolean(await writableOrganization(tx, policy.organizationsWithScope('pii:write'), organizationId));
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
        // A depersonalized record is not matched by its name (rule 5): the answer would confirm it.
        const count = await countConsentedNamesakes(tx, normalizedName, fields.birthDate);
        if (count > 0) {
          throw new AppError(
            'CONFLICT',
            'В системе уже есть человек с такими же ФИО и датой рождения. Проверьте, не он ли это; если это другой человек, подтвердите создание.',
            { reason: 'POSSIBLE_DUPLICATE', matches: count },
          );
        }
      }
      const created = await insertPerson(tx, {
        ...fields,
        lastName: fields.lastName!,
        firstName: fields.firstName!,
        normalizedName,
        registeredByOrganizationId: organizationId,
      });
      const history = diffHistory('person', created.id, {}, { ...fields }, policy.personId);
      if (processingConsent) {
        // A paper consent the staff member registers; who registered it is kept in history.
        await insertPaperProcessingConsent(tx, created.id);
        history.push({
          entity: 'consent',
          entityId: created.id,
          field: 'PROCESSING',
          oldValue: null,
          newValue: 'GRANTED',
          changedBy: policy.personId,
        });
      }
      await recordHistory(tx, ...history);
      return created.id;
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
      const current = await lockReadablePerson(tx, id, {
        readable: policy.personsWithScope('person:read'),
        writable: policy.personsWithScope('pii:write'),
      });
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
      await updatePersonRow(tx, id, { ...rest, ...names, normalizedName, updatedAt: new Date() });
      await recordHistory(tx, ...changes);
      return id;
    })
    .catch(mapUniqueViolation);
}
