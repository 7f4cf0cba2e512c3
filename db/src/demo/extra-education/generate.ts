/**
 * The `extra_education` rows of the demo region (issue 11, rule 19a): each municipality's extra-education
 * centre publishes a programme of every one of the six directions, and the first school of each municipality
 * publishes a few of its own (budget-funded: schools are not «Участник ПФДО»). Every published programme has
 * two groups for the current school year. The centre of municipality 1 also holds a draft and an archived
 * programme, which the public catalogue never lists.
 *
 * Deterministic from the seed, with its own random stream and ids: people, learning and admissions rows never
 * move because of it. A college (not «Участник ПФДО») offers one paid programme. Certificates, the funding
 * period and the ledger, applications and contracts come from `enrolment.ts`, again from streams of their own.
 */
import type { ProgrammeDirection } from '@region/schema/enums';
import { createIdFactory, createRandom } from '../random.ts';
import type { DemoCatalog, DemoRows } from '../types.ts';
import { generateEnrolment } from './enrolment.ts';
import { emptyExtraEducationRows, type ExtraEducationRows, type ProgrammeRow } from './types.ts';

interface ProgrammeTemplate {
  direction: ProgrammeDirection;
  name: string;
  description: string;
  ageFrom: number;
  ageTo: number;
  hours: number;
  pricePerMonth: string;
  schedule: [string, string];
}

/** One programme per direction, as a centre of the regional navigator offers them. */
const CENTRE_PROGRAMMES: readonly ProgrammeTemplate[] = [
  {
    direction: 'TECHNICAL',
    name: 'Робототехника и программирование',
    description: 'Сборка и программирование роботов на конструкторах, участие в региональных соревнованиях.',
    ageFrom: 7,
    ageTo: 12,
    hours: 144,
    pricePerMonth: '1800.00',
    schedule: ['Пн, Ср 15:00–16:30', 'Вт, Чт 16:00–17:30'],
  },
  {
    direction: 'NATURAL_SCIENCE',
    name: 'Юный эколог',
    description: 'Наблюдения за природой родного края, опыты и исследовательские проекты.',
    ageFrom: 8,
    ageTo: 14,
    hours: 72,
    pricePerMonth: '1200.00',
    schedule: ['Пт 15:00–16:30', 'Сб 11:00–12:30'],
  },
  {
    direction: 'PHYSICAL_SPORTS',
    name: 'Шахматы',
    description: 'Шахматная школа: от первых ходов до разрядов, турниры внутри объединения.',
    ageFrom: 5,
    ageTo: 17,
    hours: 144,
    pricePerMonth: '1000.00',
    schedule: ['Вт, Чт 15:00–16:30', 'Сб 10:00–13:00'],
  },
  {
    direction: 'ARTS',
    name: 'Изостудия «Палитра»',
    description: 'Рисунок, живопись и декоративно-прикладное творчество, выставки работ.',
    ageFrom: 6,
    ageTo: 15,
    hours: 144,
    pricePerMonth: '1500.00',
    schedule: ['Пн, Ср 16:00–17:30', 'Сб 12:00–15:00'],
  },
  {
    direction: 'TOURISM_LOCAL_HISTORY',
    name: 'Юные краеведы Южного Урала',
    description: 'История и природа Челябинской области, походы выходного дня и экскурсии.',
    ageFrom: 10,
    ageTo: 17,
    hours: 108,
    pricePerMonth: '1300.00',
    schedule: ['Чт 16:00–18:00', 'Вс 10:00–13:00'],
  },
  {
    direction: 'SOCIAL_HUMANITARIAN',
    name: 'Школа юного журналиста',
    description: 'Пишем, снимаем и монтируем: выпуск школьной газеты и видеоновостей.',
    ageFrom: 11,
    ageTo: 18,
    hours: 72,
    pricePerMonth: '1100.00',
    schedule: ['Ср 16:00–17:30', 'Пт 16:00–17:30'],
  },
];

/** A school's own programmes: free of charge (budget). */
const SCHOOL_PROGRAMMES: readonly ProgrammeTemplate[] = [
  {
    direction: 'PHYSICAL_SPORTS',
    name: 'Школьный спортивный клуб: волейбол',
    description: 'Секция волейбола для учащихся школы и их сверстников.',
    ageFrom: 10,
    ageTo: 17,
    hours: 108,
    pricePerMonth: '0.00',
    schedule: ['Пн, Пт 17:00–18:30', 'Вт, Чт 17:00–18:30'],
  },
  {
    direction: 'ARTS',
    name: 'Школьный театр',
    description: 'Театральная студия: сценическая речь, постановки к праздникам.',
    ageFrom: 8,
    ageTo: 16,
    hours: 72,
    pricePerMonth: '0.00',
    schedule: ['Ср 15:00–16:30', 'Сб 11:00–12:30'],
  },
  {
    direction: 'TECHNICAL',
    name: '3D-моделирование',
    description: 'Проектирование и печать моделей на 3D-принтере.',
    ageFrom: 11,
    ageTo: 17,
    hours: 72,
    pricePerMonth: '0.00',
    schedule: ['Вт 15:00–16:30', 'Чт 15:00–16:30'],
  },
];

/** A paid programme of a college, which is not a ПФДО participant. */
const COLLEGE_PROGRAMME: ProgrammeTemplate = {
  direction: 'TECHNICAL',
  name: 'Компьютерная графика и черчение',
  description: 'Курс для школьников при колледже: черчение, САПР, основы 3D-графики.',
  ageFrom: 12,
  ageTo: 17,
  hours: 72,
  pricePerMonth: '1400.00',
  schedule: ['Пн 16:00–17:30', 'Чт 16:00–17:30'],
};

export function generateExtraEducation(
  seed: number | string,
  people: DemoRows,
  catalog: DemoCatalog,
): ExtraEducationRows {
  // Its own id stream and epoch (25 August: programmes are published before the school year).
  const ids = createIdFactory(`${seed}/extra-education`, Date.UTC(catalog.schoolYear, 7, 25));
  const random = createRandom(seed, 'extra-education/groups');
  const rows = emptyExtraEducationRows();
  const organizations = new Map(people.organizations.map((row) => [row.id, row]));
  const teachersOf = new Map<string, string[]>();
  for (const employment of people.employments) {
    const list = teachersOf.get(employment.organizationId) ?? [];
    list.push(employment.personId);
    teachersOf.set(employment.organizationId, list);
  }
  const startsOn = `${catalog.schoolYear}-09-01`;
  const endsOn = `${catalog.schoolYear + 1}-05-31`;

  const add = (organizationId: string, template: ProgrammeTemplate, status: ProgrammeRow['status'] = 'PUBLISHED') => {
    const organization = organizations.get(organizationId);
    if (!organization) throw new Error(`demo: no organization ${organizationId}`);
    const free = template.pricePerMonth === '0.00';
    const programme: ProgrammeRow = {
      id: ids.next(),
      organizationId,
      name: template.name,
      description: template.description,
      direction: template.direction,
      ageFrom: template.ageFrom,
      ageTo: template.ageTo,
      durationMonths: 9,
      hours: template.hours,
      municipalityId: organization.municipalityId,
      address: organization.address ?? null,
      pricePerMonth: template.pricePerMonth,
      // A centre is a ПФДО participant: paid places and certificates; a school's programme is free.
      funding: free ? ['BUDGET'] : organization.pfdoParticipant ? ['PAID', 'CERTIFICATE'] : ['PAID'],
      status,
      publishedAt: status === 'DRAFT' ? null : new Date(Date.UTC(catalog.schoolYear, 7, 25, 5)),
    };
    rows.programmes.push(programme);
    const teachers = teachersOf.get(organizationId) ?? [];
    template.schedule.forEach((schedule, index) => {
      rows.groups.push({
        id: ids.next(),
        programmeId: programme.id,
        name: `Группа ${index + 1}`,
        teacherId: teachers.length ? random.pick(teachers) : null,
        schedule,
        capacity: random.int(10, 20),
        startsOn,
        endsOn,
      });
    });
  };

  for (const [key, organizationId] of Object.entries(catalog.organizations)) {
    if (key.startsWith('extra-')) for (const template of CENTRE_PROGRAMMES) add(organizationId, template);
    // The first school of each municipality publishes programmes of its own.
    if (/^school-\d+-1$/.test(key)) for (const template of SCHOOL_PROGRAMMES) add(organizationId, template);
  }
  const centre = catalog.organizations['extra-1-1'];
  if (centre) {
    add(centre, { ...CENTRE_PROGRAMMES[0]!, name: 'Программирование на Python (готовится)' }, 'DRAFT');
    add(centre, { ...CENTRE_PROGRAMMES[3]!, name: 'Керамика (набор закрыт)' }, 'ARCHIVED');
  }
  // A college that is not «Участник ПФДО» offers paid places only: a certificate cannot pay for them (rule 20).
  const college = catalog.organizations['college-1-1'];
  if (college) add(college, COLLEGE_PROGRAMME);
  return { ...rows, ...generateEnrolment(seed, people, catalog, rows) };
}
