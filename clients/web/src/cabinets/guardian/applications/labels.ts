/** Russian names for applications (the status names match the server's `statusName`). */
import type { ApplicationCategory, ApplicationKind, ApplicationSource, ApplicationStatus } from '../../../ui/labels.ts';

export type { ApplicationCategory, ApplicationKind, ApplicationSource, ApplicationStatus } from '../../../ui/labels.ts';
export { APPLICATION_STATUSES as STATUS_NAME, APPLICATION_STATUS_TONES as STATUS_TONE } from '../../../ui/labels.ts';

/** A final status takes no more changes; the applicant can withdraw before it. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['ENROLLED', 'REJECTED', 'WITHDRAWN'];

export const KIND_NAME: Record<ApplicationKind, string> = {
  FIRST_GRADE: 'В 1 класс',
  TENTH_GRADE: 'В 10 класс',
  TRANSFER: 'Перевод в другую школу',
  KINDERGARTEN: 'В детский сад (очередь)',
  CAMP: 'В летний лагерь',
  COLLEGE: 'В колледж',
};

export const CATEGORY_NAME: Record<ApplicationCategory, string> = {
  PRIORITY: 'Преимущественное право',
  TERRITORY: 'Проживает на закреплённой территории',
  OTHER: 'Прочие (незакреплённая территория)',
};

export const SOURCE_NAME: Record<ApplicationSource, string> = {
  EPGU: 'Госуслуги (ЕПГУ)',
  IN_PERSON: 'Лично в организации',
  REGIONAL_PORTAL: 'Региональный портал',
};

/** Points of Order 458 that give a right to be admitted first, as a parent recognizes them. */
export const PRIORITY_RIGHTS: { point: string; text: string }[] = [
  { point: '9', text: 'п. 9 — внеочередное право: дети прокуроров, судей, сотрудников Следственного комитета' },
  { point: '9.1', text: 'п. 9.1 — внеочередное право: дети военнослужащих, в том числе участников СВО' },
  {
    point: '10',
    text: 'п. 10 — первоочередное право: дети военнослужащих по месту жительства семьи, сотрудников полиции и других органов внутренних дел',
  },
  { point: '12', text: 'п. 12 — преимущественное право: в школе учится брат или сестра ребёнка' },
];

/** `2027` → `2027/28 учебный год`. */
export function schoolYearName(year: number): string {
  return `${year}/${String(year + 1).slice(2)} учебный год`;
}
