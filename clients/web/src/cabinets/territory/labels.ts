/** Russian names of the API's enums as a municipal education department writes them. */
import type { ApplicationKind, ApplicationSource, OrganizationType } from '../../ui/labels.ts';

export type {
  ApplicationKind,
  ApplicationSource,
  ApplicationStatus,
  MandatoryField,
  OrganizationType,
  SchoolYearStatus,
} from '../../ui/labels.ts';
export { APPLICATION_STATUSES, MANDATORY_FIELDS, SCHOOL_YEAR_STATUSES } from '../../ui/labels.ts';

export const ORGANIZATION_TYPES: Record<OrganizationType, string> = {
  SCHOOL: 'Школа',
  KINDERGARTEN: 'Детский сад',
  EXTRA_EDUCATION: 'Доп. образование',
  COLLEGE: 'Колледж',
};

export const APPLICATION_KINDS: Record<ApplicationKind, string> = {
  FIRST_GRADE: 'Первый класс',
  TENTH_GRADE: 'Десятый класс',
  TRANSFER: 'Перевод между школами',
  KINDERGARTEN: 'Детский сад',
  CAMP: 'Летний лагерь',
  COLLEGE: 'Колледж (СПО)',
};

export const KIND_ORDER = Object.keys(APPLICATION_KINDS) as ApplicationKind[];

export const APPLICATION_SOURCES: Record<ApplicationSource, string> = {
  EPGU: 'ЕПГУ (Госуслуги)',
  IN_PERSON: 'Лично в организации',
  REGIONAL_PORTAL: 'Региональный портал',
};
