import { formatSnils } from '@region/schema';
import type { PeopleContext } from '../../../context.ts';
import { guarded, visibleName } from '../masking.ts';
import { missingFields, type CardKind } from '../mandatory-fields.ts';
import type { PersonRow } from '../repository.ts';

/**
 * A guardianship link is personal data of both ends (rule 5): a named parent next to a depersonalized child
 * names the child, and the other way round. So a link with a depersonalized end is shown only to the family
 * itself — either end, or a guardian of the child (who needs it to give the consent).
 */
async function linked(from: PersonRow, ids: string[], ctx: PeopleContext) {
  const rows = await ctx.loaders.person.loadMany(ids);
  return rows.filter((row): row is PersonRow => {
    if (row === null || row instanceof Error) return false;
    if (from.consented && row.consented) return true;
    return ctx.policy.isFamilyOf(from.id) || ctx.policy.isFamilyOf(row.id);
  });
}

export const Person = {
  __resolveReference: (ref: { id: string }, ctx: PeopleContext) => ctx.loaders.person.load(ref.id),
  lastName: (row: PersonRow) => visibleName(row).lastName,
  firstName: (row: PersonRow) => visibleName(row).firstName,
  middleName: (row: PersonRow) => visibleName(row).middleName,
  fullName: (row: PersonRow) => {
    const name = visibleName(row);
    return [name.lastName, name.firstName, name.middleName].filter(Boolean).join(' ');
  },
  depersonalized: (row: PersonRow) => !row.consented,
  birthDate: guarded('pii', 'birthDate', (row) => row.birthDate),
  sex: guarded('pii', 'sex', (row) => row.sex),
  snils: guarded('pii', 'snils', (row) => (row.snils ? formatSnils(row.snils) : null)),
  citizenship: guarded('pii', 'citizenship', (row) => row.citizenship),
  placeOfBirth: guarded('pii', 'placeOfBirth', (row) => row.placeOfBirth),
  registrationAddress: guarded('pii', 'registrationAddress', (row) => row.registrationAddress),
  residenceAddress: guarded('pii', 'residenceAddress', (row) => row.residenceAddress),
  identityDocument: guarded('pii', 'identityDocument', (row) =>
    row.documentType && row.documentNumber
      ? {
          type: row.documentType,
          series: row.documentSeries,
          number: row.documentNumber,
          issuedOn: row.documentIssuedOn,
        }
      : null,
  ),
  educationForm: guarded('pii', 'educationForm', (row) => row.educationForm),
  movementFirst: guarded('pii', 'movementFirst', (row) => row.movementFirst),
  education: guarded('pii', 'education', (row) => row.education),
  phone: guarded('contacts', 'phone', (row) => row.phone),
  email: guarded('contacts', 'email', (row) => row.email),
  lastLoginAt: guarded('pii', 'lastLoginAt', (row) => row.lastLoginAt),
  missingFields: guarded('pii', 'missingFields', (row) => {
    const kinds = new Set<CardKind>();
    if (row.isStudent) kinds.add('STUDENT');
    if (row.isGuardian) kinds.add('GUARDIAN');
    if (row.isStaff) kinds.add('STAFF');
    return missingFields(row, kinds);
  }),
  children: async (row: PersonRow, _: unknown, ctx: PeopleContext) => {
    const links = await ctx.loaders.childLinks.load(row.id);
    return linked(
      row,
      links.map((link) => link.childId),
      ctx,
    );
  },
  guardians: async (row: PersonRow, _: unknown, ctx: PeopleContext) => {
    const links = await ctx.loaders.guardianLinks.load(row.id);
    return linked(
      row,
      links.map((link) => link.guardianId),
      ctx,
    );
  },
  enrolment: (row: PersonRow, _: unknown, ctx: PeopleContext) => ctx.loaders.enrolment.load(row.id),
};

export const Enrolment = {
  organization: (row: { organizationId: string }, _: unknown, ctx: PeopleContext) =>
    ctx.loaders.organization.load(row.organizationId),
};
