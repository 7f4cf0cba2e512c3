/**
 * «Контроль заполнения данных» (DOMAIN.md rule 7, seed 002): which mandatory fields a card lacks, and the
 * fault summary of a generated region, counted from the rows rather than from what was planted.
 */
import { isValidInn } from '@region/schema';
import type { DemoFaults, DemoRows, EmploymentRow, PersonRow } from './types.ts';

type Card = Omit<PersonRow, 'id'>;

const blank = (value: unknown) => value === null || value === undefined || value === '';

function missing(card: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => blank(card[field]));
}

const FULL_NAME = ['lastName', 'firstName', 'birthDate'] as const;
/** A document counts only when its type and number are both there. */
const documentMissing = (card: Card) => blank(card.documentType) || blank(card.documentNumber);

export function missingStudentFields(card: Card): string[] {
  const fields = missing(card, [
    ...FULL_NAME,
    'sex',
    'citizenship',
    'placeOfBirth',
    'registrationAddress',
    'residenceAddress',
    'educationForm',
    'snils',
    'movementFirst',
  ]);
  return documentMissing(card) ? [...fields, 'document'] : fields;
}

export function missingParentFields(card: Card): string[] {
  const fields = missing(card, [...FULL_NAME, 'registrationAddress', 'residenceAddress']);
  return documentMissing(card) ? [...fields, 'document'] : fields;
}

export function missingStaffFields(card: Card, main: Omit<EmploymentRow, 'id'> | undefined): string[] {
  const fields = missing(card, [...FULL_NAME, 'phone', 'email', 'snils', 'education']);
  if (card.documentType !== 'RF_PASSPORT' || blank(card.documentNumber)) fields.push('document');
  if (!main) fields.push('position');
  else if (blank(main.qualificationCategory)) fields.push('qualificationCategory');
  return fields;
}

export function computeFaults(rows: DemoRows, organizationKeys: Record<string, string>): DemoFaults {
  const live = rows.persons.filter((person) => !person.mergedInto);
  const enrolled = new Set(rows.enrolments.filter((e) => !e.endedOn).map((e) => e.personId));
  const mainJobs = new Map<string, EmploymentRow>();
  for (const job of rows.employments) if (job.isMain !== false && !job.endedOn) mainJobs.set(job.personId, job);
  const guardians = new Set(rows.guardianships.map((link) => link.guardianId));
  const count = (cards: PersonRow[], incomplete: (card: PersonRow) => boolean) => ({
    total: cards.length,
    incomplete: cards.filter(incomplete).length,
  });

  const groups = new Map<string, number>();
  for (const person of live) {
    const key = `${person.normalizedName}|${person.birthDate}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const duplicateSizes = [...groups.values()].filter((size) => size > 1);
  const keyOf = new Map(Object.entries(organizationKeys).map(([key, id]) => [id, key]));
  const consented = new Set(
    rows.consents.filter((c) => c.kind === 'PROCESSING' && !c.withdrawnAt).map((c) => c.personId),
  );

  return {
    studentCards: count(
      live.filter((p) => enrolled.has(p.id)),
      (p) => missingStudentFields(p).length > 0,
    ),
    staffCards: count(
      live.filter((p) => mainJobs.has(p.id)),
      (p) => missingStaffFields(p, mainJobs.get(p.id)).length > 0,
    ),
    parentCards: count(
      live.filter((p) => guardians.has(p.id)),
      (p) => missingParentFields(p).length > 0,
    ),
    duplicateGroups: duplicateSizes.length,
    duplicateRecords: duplicateSizes.reduce((sum, size) => sum + size, 0),
    invalidInnOrganizations: rows.organizations
      .filter((organization) => !isValidInn(organization.inn))
      .map((organization) => keyOf.get(organization.id) ?? organization.id),
    withoutProcessingConsent: live.filter((person) => !consented.has(person.id)).length,
  };
}
