/** Municipalities and their organizations: schools, kindergartens, extra-education centres, colleges. */
import { innWithCheckDigit } from '@region/schema';
import type { Context, OrganizationInfo } from './context.ts';
import { newAddress } from './person-factory.ts';
import { MUNICIPALITIES, type MunicipalityInfo } from './territory.ts';
import type { OrganizationKind } from './types.ts';

/** Seed 000 lists schools registered with a wrong INN: this one carries a wrong check digit. */
export const INVALID_INN_ORGANIZATION = 'school-2-2';

interface Layout {
  schools: number;
  kindergartens: number;
  extra: number;
  colleges: number;
}

/** Scale 1: two municipalities of three schools, a kindergarten, a centre and a college each. */
export function layoutFor(scale: number): Layout[] {
  const count = Math.min(MUNICIPALITIES.length, Math.max(2, Math.round(2 * Math.sqrt(scale))));
  const totalSchools = Math.max(2 * count, Math.round(6 * scale));
  return Array.from({ length: count }, (_, index) => {
    const schools = Math.floor(totalSchools / count) + (index < totalSchools % count ? 1 : 0);
    return {
      schools,
      kindergartens: Math.max(1, Math.round(schools / 3)),
      extra: Math.max(1, Math.round(schools / 6)),
      colleges: Math.max(1, Math.round(schools / 10)),
    };
  });
}

export function generateOrganizations(context: Context, scale: number): void {
  const usedInns = new Set<string>();
  layoutFor(scale).forEach((layout, index) => {
    const municipality = MUNICIPALITIES[index] as MunicipalityInfo;
    const municipalityId = context.ids.next();
    context.rows.municipalities.push({ id: municipalityId, name: municipality.name, oktmo: municipality.oktmo });
    context.catalog.municipalityIds.push(municipalityId);
    const add = (kind: OrganizationKind, count: number) => {
      for (let n = 1; n <= count; n++) {
        const key = `${kind}-${index + 1}-${n}`;
        const names = organizationNames(kind, n, index + 1, municipality);
        const organization: OrganizationInfo = {
          key,
          id: context.ids.next(),
          kind,
          municipalityNumber: index + 1,
          municipalityId,
          municipality,
        };
        context.organizations.push(organization);
        context.catalog.organizations[key] = organization.id;
        context.rows.organizations.push({
          id: organization.id,
          municipalityId,
          type: ORGANIZATION_TYPES[kind],
          fullName: names.full,
          shortName: names.short,
          inn: newInn(context, municipality, usedInns, key === INVALID_INN_ORGANIZATION),
          address: newAddress(context, municipality).replace(/, кв\. \d+$/, ''),
          pfdoParticipant: kind === 'extra',
        });
      }
    };
    add('school', layout.schools);
    add('kindergarten', layout.kindergartens);
    add('extra', layout.extra);
    add('college', layout.colleges);
  });
}

export const ORGANIZATION_TYPES = {
  school: 'SCHOOL',
  kindergarten: 'KINDERGARTEN',
  extra: 'EXTRA_EDUCATION',
  college: 'COLLEGE',
} as const;

const CENTRES: readonly [string, string][] = [
  ['Центр детского творчества', 'ЦДТ'],
  ['Дом детского творчества', 'ДДТ'],
  ['Центр дополнительного образования детей', 'ЦДОД'],
  ['Станция юных техников', 'СЮТ'],
];

/** Numbers differ between municipalities, so that «СОШ № 1» names one school of the demo region. */
export function organizationNames(
  kind: OrganizationKind,
  n: number,
  municipalityNumber: number,
  municipality: MunicipalityInfo,
) {
  const offset = 20 * (municipalityNumber - 1);
  switch (kind) {
    case 'school':
      return n % 5 === 2
        ? {
            full: `Муниципальное бюджетное общеобразовательное учреждение «Лицей № ${n + offset}»`,
            short: `МБОУ «Лицей № ${n + offset}»`,
          }
        : {
            full: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n + offset}»`,
            short: `МБОУ СОШ № ${n + offset}`,
          };
    case 'kindergarten':
      return {
        full: `Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № ${n * 7 + 5 + offset}»`,
        short: `МБДОУ ДС № ${n * 7 + 5 + offset}`,
      };
    case 'extra': {
      const [full, short] = CENTRES[(municipalityNumber - 1) % CENTRES.length] as [string, string];
      const number = n === 1 ? '' : ` № ${n + offset}`;
      return {
        full: `Муниципальное учреждение дополнительного образования «${full}${number}»`,
        short: `МУДО ${short}${number}`,
      };
    }
    case 'college': {
      const name = n === 1 ? municipality.college : `${municipality.college} (филиал № ${n})`;
      return {
        full: `Государственное бюджетное профессиональное образовательное учреждение «${name}»`,
        short: `ГБПОУ «${name}»`,
      };
    }
  }
}

export function newInn(context: Context, municipality: MunicipalityInfo, used: Set<string>, wrong: boolean): string {
  for (;;) {
    const valid = innWithCheckDigit(municipality.innPrefix + context.rng.digits(5));
    const inn = wrong ? valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10) : valid;
    if (used.has(inn)) continue;
    used.add(inn);
    return inn;
  }
}
