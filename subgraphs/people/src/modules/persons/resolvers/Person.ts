import { formatSnils } from '@region/schema';
import type { PeopleContext } from '../../../context.ts';
import { guarded, visibleName } from '../masking.ts';
import { missingFields, type CardKind } from '../mandatory-fields.ts';
import type { PersonRow } from '../repository.ts';

async function linked(ids: string[], ctx: PeopleContext) {
  const rows = await ctx.loaders.person.loadMany(ids);
  return rows.filter((row): row is PersonRow => row !== null && !(row instanceof Error));
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
  birthDate: guarded('pii', 'Дата рождения', (row) => row.birthDate),
  sex: guarded('pii', 'Пол', (row) => row.sex),
  snils: guarded('pii', 'СНИЛС', (row) => (row.snils ? formatSnils(row.snils) : null)),
  citizenship: guarded('pii', 'Гражданство', (row) => row.citizenship),
  placeOfBirth: guarded('pii', 'Место рождения', (row) => row.placeOfBirth),
  registrationAddress: guarded('pii', 'Адрес регистрации', (row) => row.registrationAddress),
  residenceAddress: guarded('pii', 'Адрес проживания', (row) => row.residenceAddress),
  identityDocument: guarded('pii', 'Документ', (row) =>
    row.documentType && row.documentNumber
      ? {
          type: row.documentType,
          series: row.documentSeries,
          number: row.documentNumber,
          issuedOn: row.documentIssuedOn,
        }
      : null,
  ),
  educationForm: guarded('pii', 'Форма обучения', (row) => row.educationForm),
  movementFirst: guarded('pii', 'Движение Первых', (row) => row.movementFirst),
  education: guarded('pii', 'Образование', (row) => row.education),
  phone: guarded('contacts', 'Телефон', (row) => row.phone),
  email: guarded('contacts', 'Эл. почта', (row) => row.email),
  lastLoginAt: guarded('pii', 'Последний вход', (row) => row.lastLoginAt),
  missingFields: guarded('pii', 'Незаполненные поля', (row) => {
    const kinds = new Set<CardKind>();
    if (row.isStudent) kinds.add('STUDENT');
    if (row.isGuardian) kinds.add('GUARDIAN');
    if (row.isStaff) kinds.add('STAFF');
    return missingFields(row, kinds);
  }),
  children: async (row: PersonRow, _: unknown, ctx: PeopleContext) => {
    const links = await ctx.loaders.childLinks.load(row.id);
    return linked(
      links.map((link) => link.childId),
      ctx,
    );
  },
  guardians: async (row: PersonRow, _: unknown, ctx: PeopleContext) => {
    const links = await ctx.loaders.guardianLinks.load(row.id);
    return linked(
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
