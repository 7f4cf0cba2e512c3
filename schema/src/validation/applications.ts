/**
 * The rules an application's content must satisfy, whatever its source (DOMAIN.md rules 15–16, Order 458):
 * one zod schema used by the admissions subgraph (ЕПГУ intake and `submitApplication`) and by the web
 * client's application form, so a rule and its Russian message exist once. Rules that need stored data
 * (places, campaign dates, territories) stay in the server.
 *
 * Dates are the region's calendar dates: callers pass "today" as `regionDate(now)`; this module names no
 * time zone and reads no clock.
 */
import { z } from 'zod';
import { APPLICATION_CATEGORIES, APPLICATION_KINDS, type ApplicationKind } from '../enums.ts';
import { isValidSnils } from '../identifiers.ts';

export { APPLICATION_CATEGORIES, APPLICATION_KINDS, type ApplicationKind };
/** Points of Order 458 that give a preferential right: 9, 9(1), 10, 12. */
export const PRIORITY_RIGHTS = ['9', '9.1', '10', '12'] as const;
export const MAX_CHOICES = 5;

/**
 * The age a child may have for each kind, in months, and the day it is counted on.
 *
 * - First grade: art. 67 part 1 of the Law on Education (273-FZ) sets 6 years 6 months to 8 years on
 *   1 September, and lets the founder admit a child earlier or later on the parents' request. The founder's
 *   permission is not known at submission, so the platform refuses only what no permission covers: under
 *   5 or 10 and older.
 * - Kindergarten: preschool education is from birth (a child is put in the queue as a newborn) until school;
 *   a child of 7 may still attend, so under 8 on 1 September of the year of admission.
 * - Tenth grade: after basic general education, 14 to 18 on 1 September.
 * - Transfer between schools: school age on the day of the application, 5 to 18.
 * - Summer camp: 6 to 17 on the day of the application (camps take children of school age).
 * - College (СПО): from 14 on 1 September (after 9th grade); no upper bound, adults study there too.
 */
export const AGE_LIMITS: Readonly<
  Record<ApplicationKind, { minMonths: number; maxMonths: number | null; on: 'SEPTEMBER_1' | 'TODAY'; message: string }>
> = {
  FIRST_GRADE: {
    minMonths: 5 * 12,
    maxMonths: 10 * 12,
    on: 'SEPTEMBER_1',
    message:
      'В 1 класс принимают детей от 6 лет 6 месяцев до 8 лет на 1 сентября, в другом возрасте — по разрешению ' +
      'учредителя, но не младше 5 и не старше 10 лет. Проверьте дату рождения.',
  },
  KINDERGARTEN: {
    minMonths: 0,
    maxMonths: 8 * 12,
    on: 'SEPTEMBER_1',
    message: 'В детский сад принимают детей до 8 лет на 1 сентября. Проверьте дату рождения.',
  },
  TENTH_GRADE: {
    minMonths: 14 * 12,
    maxMonths: 19 * 12,
    on: 'SEPTEMBER_1',
    message: 'В 10 класс принимают детей от 14 до 18 лет на 1 сентября. Проверьте дату рождения.',
  },
  TRANSFER: {
    minMonths: 5 * 12,
    maxMonths: 19 * 12,
    on: 'TODAY',
    message: 'Перевод между школами — для детей от 5 до 18 лет. Проверьте дату рождения.',
  },
  CAMP: {
    minMonths: 6 * 12,
    maxMonths: 18 * 12,
    on: 'TODAY',
    message: 'В лагерь принимают детей от 6 до 17 лет. Проверьте дату рождения.',
  },
  COLLEGE: {
    minMonths: 14 * 12,
    maxMonths: null,
    on: 'SEPTEMBER_1',
    message: 'В колледж принимают с 14 лет на 1 сентября. Проверьте дату рождения.',
  },
};

/**
 * The campaign year an application filed on this date belongs to: the calendar year until 31 August,
 * the next one from 1 September (the school year it is for has started, and the next campaign's
 * applications, the kindergarten queue among them, are being gathered). The one copy of the rule: the
 * web form, the server's validation, admissions' default campaign year and its statistics use it.
 */
export function admissionYearOn(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) + (Number(isoDate.slice(5, 7)) >= 9 ? 1 : 0);
}

/** Whole months from a birth date to a day (both `YYYY-MM-DD`). */
export function ageInMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
/** Russian birth certificate: Roman numerals, a dash, two Cyrillic letters (IV-ИВ); number of six digits. */
const CERTIFICATE_SERIES = /^[IVXLCХСivxlcхс]{1,6}-[А-ЯЁа-яё]{2}$/;
const CERTIFICATE_NUMBER = /^\d{6}$/;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((value) => value || null);

function personName(missing: string, wrong: string) {
  return z.string().trim().min(1, missing).max(100, wrong).regex(NAME, wrong);
}

const middleName = z
  .string()
  .trim()
  .max(100, 'Отчество — буквы, дефис и пробел.')
  .refine((value) => value === '' || NAME.test(value), 'Отчество — буквы, дефис и пробел.')
  .nullish()
  .transform((value) => value || null);

const birthDate = z.string().min(1, 'Укажите дату рождения.').refine(isIsoDate, 'Дата рождения указана неверно.');

const certificateSeries = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || CERTIFICATE_SERIES.test(value),
    'Серия — римские цифры, дефис и две русские буквы, например IV-ИВ.',
  )
  .nullish()
  .transform((value) => (value ? value.toUpperCase() : null));

const certificateNumber = z
  .string()
  .trim()
  .refine((value) => value === '' || CERTIFICATE_NUMBER.test(value), 'Номер свидетельства — шесть цифр.')
  .nullish()
  .transform((value) => value || null);

const organizationIds = z
  .array(z.string().trim().regex(UUID, 'Организация указана неверно: ожидается идентификатор организации.'))
  .refine((ids) => new Set(ids).size === ids.length, 'Организации не должны повторяться.');

/** What the applicant chooses, in the words of the kind: schools, kindergartens, organizations. */
const CHOICE_WORDS: Record<ApplicationKind, { one: string; many: string }> = {
  FIRST_GRADE: { one: 'школу', many: 'школ' },
  TENTH_GRADE: { one: 'школу', many: 'школ' },
  TRANSFER: { one: 'школу', many: 'школ' },
  KINDERGARTEN: { one: 'детский сад', many: 'детских садов' },
  CAMP: { one: 'лагерь', many: 'лагерей' },
  COLLEGE: { one: 'организацию', many: 'организаций' },
};

function checkChoiceCount(value: { kind: ApplicationKind; organizationIds: string[] }, ctx: z.RefinementCtx) {
  const words = CHOICE_WORDS[value.kind];
  if (value.organizationIds.length === 0)
    ctx.addIssue({ code: 'custom', path: ['organizationIds'], message: `Выберите хотя бы одну ${words.one}.` });
  else if (value.organizationIds.length > MAX_CHOICES)
    ctx.addIssue({
      code: 'custom',
      path: ['organizationIds'],
      message: `Можно выбрать не больше ${MAX_CHOICES} ${words.many}.`,
    });
}

const priorityRights = z
  .array(z.string())
  .nullish()
  .transform((rights) => rights ?? [])
  .superRefine((rights, ctx) => {
    const unknown = rights.filter((right) => !(PRIORITY_RIGHTS as readonly string[]).includes(right));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `Неизвестные пункты Порядка № 458: ${unknown.join(', ')}. Возможны 9, 9.1, 10, 12.`,
      });
  });

const documents = z
  .array(z.string().trim().min(1, 'Пустое название документа.').max(300, 'Слишком длинное название документа.'))
  .max(30, 'Не больше 30 документов.')
  .nullish()
  .transform((list) => list ?? []);

const childFields = {
  lastName: personName('Укажите фамилию ребёнка.', 'Фамилия — буквы, дефис и пробел.'),
  firstName: personName('Укажите имя ребёнка.', 'Имя — буквы, дефис и пробел.'),
  middleName,
  birthDate,
};

/** What the checks against the calendar need: the region's today and the default campaign year. */
export interface ValidationContext {
  /** The region's date, `YYYY-MM-DD`. */
  today: string;
  /** The moment of validation, for timestamps a sender gives (ЕПГУ's `registeredAt`). */
  now?: Date;
}

interface AgeCheck {
  kind: ApplicationKind;
  year: number;
  birthDate: string;
}

/** Birth date not in the future and an age the kind of application admits (see AGE_LIMITS). */
function checkAge(value: AgeCheck, context: ValidationContext, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (!isIsoDate(value.birthDate)) return;
  if (value.birthDate > context.today) {
    ctx.addIssue({ code: 'custom', path, message: 'Дата рождения не может быть в будущем.' });
    return;
  }
  const limits = AGE_LIMITS[value.kind];
  const age = ageInMonths(value.birthDate, limits.on === 'TODAY' ? context.today : `${value.year}-09-01`);
  if (age < limits.minMonths || (limits.maxMonths !== null && age >= limits.maxMonths))
    ctx.addIssue({ code: 'custom', path, message: limits.message });
}

function checkCategory(
  value: { category: (typeof APPLICATION_CATEGORIES)[number]; priorityRights: string[] },
  ctx: z.RefinementCtx,
) {
  if (value.category === 'PRIORITY' && value.priorityRights.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['priorityRights'],
      message: 'Отметьте пункт Порядка № 458, который даёт право на приём.',
    });
}

const year = z.number().int().min(2000, 'Год приёма указан неверно.').max(2100, 'Год приёма указан неверно.');

/** `submitApplication`'s input: a guardian's application on the regional portal (and the web form). */
export function portalApplicationSchema(context: ValidationContext) {
  return z
    .object({
      kind: z.enum(APPLICATION_KINDS),
      year: year.nullish(),
      childId: z.string().regex(UUID, 'Выберите ребёнка.'),
      child: z.object(childFields),
      organizationIds,
      category: z.enum(APPLICATION_CATEGORIES),
      priorityRights,
      residenceAddress: optionalText(500, 'Адрес слишком длинный.'),
      birthCertificateSeries: certificateSeries,
      birthCertificateNumber: certificateNumber,
      documents,
      comment: optionalText(1000, 'Комментарий — не больше 1000 знаков.'),
    })
    .superRefine((value, ctx) => {
      checkChoiceCount(value, ctx);
      checkCategory(value, ctx);
      // Reception of the children of the school's assigned territory (Order 458) is decided by the address.
      if (value.category === 'TERRITORY' && !value.residenceAddress)
        ctx.addIssue({
          code: 'custom',
          path: ['residenceAddress'],
          message: 'Для приёма по закреплённой территории укажите адрес проживания ребёнка.',
        });
      checkAge(
        {
          kind: value.kind,
          year: value.year ?? admissionYearOn(context.today),
          birthDate: value.child.birthDate,
        },
        context,
        ctx,
        ['child', 'birthDate'],
      );
    });
}

/** A sender's clock may run a little ahead of ours: ЕПГУ's registration moment is allowed 5 minutes. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** `intakeEpguApplication`'s input: an application handed over by ЕПГУ or a municipal system. */
export function epguApplicationSchema(context: ValidationContext & { now: Date }) {
  return z
    .object({
      epguNumber: z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z-]{1,40}$/, 'Номер заявления ЕПГУ: цифры, латинские буквы и дефис, до 40 знаков.'),
      registeredAt: z
        .date('Дата регистрации заявления указана неверно.')
        .refine(
          (moment) => moment.getTime() <= context.now.getTime() + CLOCK_SKEW_MS,
          'Дата регистрации заявления не может быть в будущем.',
        ),
      kind: z.enum(APPLICATION_KINDS),
      year,
      category: z.enum(APPLICATION_CATEGORIES),
      priorityRights,
      organizationIds,
      child: z.object({
        ...childFields,
        birthCertificateSeries: certificateSeries,
        birthCertificateNumber: certificateNumber,
      }),
      applicant: z.object({
        lastName: personName('Укажите фамилию заявителя.', 'Фамилия заявителя — буквы, дефис и пробел.'),
        firstName: personName('Укажите имя заявителя.', 'Имя заявителя — буквы, дефис и пробел.'),
        middleName,
        snils: z
          .string()
          .trim()
          .refine(
            (value) => value === '' || isValidSnils(value),
            'СНИЛС заявителя указан неверно: проверьте цифры и контрольное число.',
          )
          .nullish()
          .transform((value) => value || null),
        esiaOid: optionalText(40, 'Идентификатор ЕСИА слишком длинный.'),
      }),
      residenceAddress: optionalText(500, 'Адрес слишком длинный.'),
      documents,
    })
    .superRefine((value, ctx) => {
      checkChoiceCount(value, ctx);
      checkCategory(value, ctx);
      checkAge({ kind: value.kind, year: value.year, birthDate: value.child.birthDate }, context, ctx, [
        'child',
        'birthDate',
      ]);
    });
}

export type PortalApplication = z.output<ReturnType<typeof portalApplicationSchema>>;
export type EpguApplication = z.output<ReturnType<typeof epguApplicationSchema>>;

/** A refusal of one field: the field's path as the API names it (`child.birthDate`) and the message. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every problem, one per field (the first found), in the order of the input. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const seen = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.filter((part) => typeof part === 'string').join('.');
    if (!seen.has(field)) seen.set(field, issue.message);
  }
  return [...seen].map(([field, message]) => ({ field, message }));
}
