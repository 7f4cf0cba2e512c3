/** The shared application rules (issue 9 §5): what server and web form both refuse, and the bounds they accept. */
import { describe, expect, it } from 'vitest';
import {
  ageInMonths,
  epguApplicationSchema,
  fieldProblems,
  portalApplicationSchema,
  type ApplicationKind,
} from '../src/validation/applications.ts';

const TODAY = '2027-04-10';
const SCHOOL = '0195f0c0-0000-7000-8000-000000000001';

const portal = (patch: Record<string, unknown> = {}, child: Record<string, unknown> = {}) => ({
  kind: 'FIRST_GRADE',
  childId: '0195f0c0-0000-7000-8000-0000000000aa',
  child: { lastName: 'Иванова', firstName: 'Ева', birthDate: '2020-10-01', ...child },
  organizationIds: [SCHOOL],
  category: 'OTHER',
  ...patch,
});

function problems(result: { success: boolean; error?: unknown }) {
  return result.success ? [] : fieldProblems(result.error as Parameters<typeof fieldProblems>[0]);
}

describe('portal applications (submitApplication and the web form)', () => {
  const check = (input: unknown) => problems(portalApplicationSchema({ today: TODAY }).safeParse(input));

  it('accepts a well-formed first-grade application and normalizes it', () => {
    const result = portalApplicationSchema({ today: TODAY }).safeParse(
      portal({ birthCertificateSeries: ' iv-ив ' }, { lastName: ' Иванова ' }),
    );
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ child: { lastName: 'Иванова' }, birthCertificateSeries: 'IV-ИВ' });
  });

  it.each([
    ['blank last name', portal({}, { lastName: '  ' }), 'child.lastName', 'Укажите фамилию ребёнка.'],
    ['digits in a name', portal({}, { firstName: 'Ева2' }), 'child.firstName', 'Имя — буквы, дефис и пробел.'],
    ['no birth date', portal({}, { birthDate: '' }), 'child.birthDate', 'Укажите дату рождения.'],
    ['31 February', portal({}, { birthDate: '2020-02-31' }), 'child.birthDate', 'Дата рождения указана неверно.'],
    [
      'born tomorrow',
      portal({}, { birthDate: '2027-04-11' }),
      'child.birthDate',
      'Дата рождения не может быть в будущем.',
    ],
    ['no school', portal({ organizationIds: [] }), 'organizationIds', 'Выберите хотя бы одну школу.'],
    [
      'six schools',
      portal({ organizationIds: Array.from({ length: 6 }, (_, i) => SCHOOL.replace(/1$/, String(i))) }),
      'organizationIds',
      'Можно выбрать не больше 5 школ.',
    ],
    [
      'a school twice',
      portal({ organizationIds: [SCHOOL, SCHOOL] }),
      'organizationIds',
      'Организации не должны повторяться.',
    ],
    [
      'priority without a point',
      portal({ category: 'PRIORITY' }),
      'priorityRights',
      'Отметьте пункт Порядка № 458, который даёт право на приём.',
    ],
    [
      'territory without an address',
      portal({ category: 'TERRITORY' }),
      'residenceAddress',
      'Для приёма по закреплённой территории укажите адрес проживания ребёнка.',
    ],
    [
      'a wrong certificate number',
      portal({ birthCertificateNumber: '12345' }),
      'birthCertificateNumber',
      'Номер свидетельства — шесть цифр.',
    ],
  ])('refuses %s', (_, input, field, message) => {
    expect(check(input)).toContainEqual({ field, message });
  });
});

describe('age on 1 September of the campaign year (or on the day, for transfers and camps)', () => {
  const age = (kind: ApplicationKind, birthDate: string) =>
    problems(portalApplicationSchema({ today: TODAY }).safeParse(portal({ kind, year: 2027 }, { birthDate }))).filter(
      (problem) => problem.field === 'child.birthDate',
    ).length === 0;

  it.each([
    ['FIRST_GRADE', '2022-09-01', true],
    ['FIRST_GRADE', '2022-09-02', false],
    ['FIRST_GRADE', '2017-09-02', true],
    ['FIRST_GRADE', '2017-09-01', false],
    ['KINDERGARTEN', '2027-04-10', true],
    ['KINDERGARTEN', '2019-09-02', true],
    ['KINDERGARTEN', '2019-09-01', false],
    ['TENTH_GRADE', '2013-09-01', true],
    ['TENTH_GRADE', '2013-09-02', false],
    ['TENTH_GRADE', '2008-09-02', true],
    ['TENTH_GRADE', '2008-09-01', false],
    ['CAMP', '2021-04-10', true],
    ['CAMP', '2021-04-11', false],
    ['COLLEGE', '1990-01-01', true],
    ['COLLEGE', '2013-09-02', false],
  ] as const)('%s born %s: %s', (kind, birthDate, accepted) => {
    expect(age(kind, birthDate)).toBe(accepted);
  });

  it('counts whole months', () => {
    expect(ageInMonths('2020-09-15', '2027-09-01')).toBe(6 * 12 + 11);
    expect(ageInMonths('2020-09-01', '2027-09-01')).toBe(7 * 12);
  });
});

describe('ЕПГУ applications', () => {
  const now = new Date('2027-04-10T05:00:00Z');
  const epgu = (patch: Record<string, unknown> = {}) => ({
    epguNumber: 'EPGU-1',
    registeredAt: new Date('2027-04-09T05:00:00Z'),
    kind: 'FIRST_GRADE',
    year: 2027,
    category: 'OTHER',
    organizationIds: [SCHOOL],
    child: { lastName: 'Иванова', firstName: 'Ева', birthDate: '2020-10-01' },
    applicant: { lastName: 'Иванова', firstName: 'Анна', snils: '112-233-445 95' },
    ...patch,
  });
  const check = (input: unknown) => problems(epguApplicationSchema({ today: TODAY, now }).safeParse(input));

  it('accepts a well-formed one, and a registration within five minutes ahead of the clock', () => {
    expect(check(epgu())).toEqual([]);
    expect(check(epgu({ registeredAt: new Date('2027-04-10T05:04:59Z') }))).toEqual([]);
  });

  it.each([
    ['a registration in the future', epgu({ registeredAt: new Date('2027-04-10T05:05:01Z') }), 'registeredAt'],
    [
      'a SNILS with a wrong check digit',
      epgu({ applicant: { lastName: 'И', firstName: 'А', snils: '112-233-445 96' } }),
      'applicant.snils',
    ],
    ['an organization id that is not an id', epgu({ organizationIds: ['42'] }), 'organizationIds'],
    ['a bad ЕПГУ number', epgu({ epguNumber: 'номер 1' }), 'epguNumber'],
  ])('refuses %s', (_, input, field) => {
    expect(check(input).map((problem) => problem.field)).toEqual([field]);
  });
});
