/** Checks of the first-grade application before it is sent, with messages at the fields they concern. */
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { fieldProblems, portalApplicationSchema } from '@region/schema/validation/applications';
import type { SchoolOption } from './form-queries.ts';

export interface ApplicationForm {
  childId: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  certificateSeries: string;
  certificateNumber: string;
  address: string;
  category: 'PRIORITY' | 'TERRITORY' | 'OTHER';
  rights: string[];
  schools: SchoolOption[];
  comment: string;
  confirmed: boolean;
}

export type FieldName =
  | 'childId'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'certificateSeries'
  | 'certificateNumber'
  | 'address'
  | 'rights'
  | 'schools'
  | 'confirmed';

export type FormErrors = Partial<Record<FieldName, string>>;

/** The input `submitApplication` takes, built from the form (what is sent is what is checked). */
export function submissionInput(form: ApplicationForm) {
  return {
    kind: 'FIRST_GRADE' as const,
    childId: form.childId,
    child: {
      lastName: form.lastName.trim(),
      firstName: form.firstName.trim(),
      middleName: form.middleName.trim() || null,
      birthDate: form.birthDate,
    },
    organizationIds: form.schools.map((school) => school.id),
    category: form.category,
    priorityRights: form.category === 'PRIORITY' ? form.rights : [],
    residenceAddress: form.address.trim() || null,
    birthCertificateSeries: form.certificateSeries.trim().toUpperCase(),
    birthCertificateNumber: form.certificateNumber.trim(),
    documents: documentsFor(form),
    comment: form.comment.trim() || null,
  };
}

/**
 * The form's checks: the application rules shared with the server (`@region/schema`), with their messages
 * at the fields they concern, and what only the form asks — the certificate (the school will check it),
 * the territory school first, the confirmation.
 */
export function validate(form: ApplicationForm, territoryIds: ReadonlySet<string> | null, today: string): FormErrors {
  const errors: FormErrors = {};
  const shared = portalApplicationSchema({ today }).safeParse(submissionInput(form));
  if (!shared.success)
    for (const problem of fieldProblems(shared.error)) {
      const field = SERVER_FIELDS[problem.field];
      if (field && !errors[field]) errors[field] = problem.message;
    }
  if (!errors.certificateSeries && !form.certificateSeries.trim())
    errors.certificateSeries = 'Укажите серию свидетельства о рождении.';
  if (!errors.certificateNumber && !form.certificateNumber.trim())
    errors.certificateNumber = 'Укажите номер свидетельства о рождении.';
  if (
    !errors.schools &&
    form.category === 'TERRITORY' &&
    territoryIds &&
    form.schools[0] &&
    !territoryIds.has(form.schools[0].id)
  )
    errors.schools =
      'Первой должна стоять школа, за которой закреплён ваш адрес: приём по территории идёт только в неё. Либо выберите категорию «Прочие».';
  if (!form.confirmed) errors.confirmed = 'Подтвердите, что сведения достоверны.';
  return errors;
}

/** The documents the school will ask for, by category and rights (Order 458 points 26–27). */
export function documentsFor(form: Pick<ApplicationForm, 'category' | 'rights'>): string[] {
  return [
    'Заявление о приёме в 1 класс',
    'Свидетельство о рождении ребёнка',
    'Документ, удостоверяющий личность родителя (законного представителя)',
    ...(form.category === 'TERRITORY' ? ['Свидетельство о регистрации ребёнка по месту жительства'] : []),
    ...form.rights.map((point) => `Документ, подтверждающий право на приём (п. ${point} Порядка № 458)`),
  ];
}

/** The server's refusal, with the field it names and the rule's details, for showing it at the form. */
export interface ServerRefusal {
  code: string | undefined;
  message: string;
  field: FieldName | undefined;
  deadline: string | undefined;
  applicationId: string | undefined;
}

/** The API's field paths (`extensions.field`, the shared schema's issues) → the form's fields. */
const SERVER_FIELDS: Record<string, FieldName> = {
  childId: 'childId',
  'child.lastName': 'lastName',
  'child.firstName': 'firstName',
  'child.middleName': 'middleName',
  'child.birthDate': 'birthDate',
  birthCertificateSeries: 'certificateSeries',
  birthCertificateNumber: 'certificateNumber',
  organizationIds: 'schools',
  priorityRights: 'rights',
  residenceAddress: 'address',
  child: 'lastName',
};

export function serverRefusal(error: unknown): ServerRefusal | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  if (!first) return null;
  const extensions = (first.extensions ?? {}) as Record<string, unknown>;
  const field = typeof extensions['field'] === 'string' ? SERVER_FIELDS[extensions['field']] : undefined;
  return {
    code: typeof extensions['code'] === 'string' ? extensions['code'] : undefined,
    message: first.message,
    field,
    deadline: typeof extensions['deadline'] === 'string' ? extensions['deadline'] : undefined,
    applicationId: typeof extensions['applicationId'] === 'string' ? extensions['applicationId'] : undefined,
  };
}
