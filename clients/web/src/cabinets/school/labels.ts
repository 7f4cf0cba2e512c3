/** Russian names of the API's enums as a school secretary reads them. */
import type {
  ApplicationCategory,
  ApplicationKind,
  ApplicationSource,
  MandatoryField,
  SchoolYearStatus,
} from '../../ui/labels.ts';
import type * as Schema from '../../generated/graphql.ts';

export type {
  ApplicationCategory,
  ApplicationKind,
  ApplicationSource,
  ApplicationStatus,
  MandatoryField,
  SchoolYearStatus,
} from '../../ui/labels.ts';
export {
  APPLICATION_STATUSES as STATUS_LABELS,
  APPLICATION_STATUS_TONES as STATUS_TONES,
  MANDATORY_FIELDS as FIELD_LABELS,
  SCHOOL_YEAR_STATUSES as YEAR_STATUS_LABELS,
} from '../../ui/labels.ts';

export type PersonKind = Schema.PersonKind;

export const KIND_LABELS: Record<PersonKind, string> = {
  STUDENT: 'Обучающиеся',
  STAFF: 'Сотрудники',
  GUARDIAN: 'Законные представители',
};

/** The mandatory fields of each kind of card (DOMAIN.md rule 7), in the order of the card. */
export const FIELDS_OF_KIND: Record<PersonKind, readonly MandatoryField[]> = {
  STUDENT: [
    'FULL_NAME',
    'BIRTH_DATE',
    'SEX',
    'IDENTITY_DOCUMENT',
    'CITIZENSHIP',
    'PLACE_OF_BIRTH',
    'REGISTRATION_ADDRESS',
    'RESIDENCE_ADDRESS',
    'EDUCATION_FORM',
    'SNILS',
    'MOVEMENT_FIRST',
  ],
  STAFF: [
    'FULL_NAME',
    'BIRTH_DATE',
    'PASSPORT',
    'SNILS',
    'MAIN_POSITION',
    'QUALIFICATION_CATEGORY',
    'PHONE',
    'EMAIL',
    'EDUCATION',
  ],
  GUARDIAN: ['FULL_NAME', 'BIRTH_DATE', 'IDENTITY_DOCUMENT', 'REGISTRATION_ADDRESS', 'RESIDENCE_ADDRESS'],
};

export type Sex = Schema.Sex;
export const SEX_LABELS: Record<Sex, string> = { MALE: 'Мужской', FEMALE: 'Женский' };

export type DocumentType = Schema.IdentityDocumentType;
export const DOCUMENT_LABELS: Record<DocumentType, string> = {
  RF_PASSPORT: 'Паспорт гражданина РФ',
  BIRTH_CERTIFICATE: 'Свидетельство о рождении',
  FOREIGN_PASSPORT: 'Паспорт иностранного гражданина',
};

/** Forms of education under 273-FZ art. 17; the card keeps the text, these are the values schools use. */
export const EDUCATION_FORMS = ['очная', 'очно-заочная', 'заочная', 'семейное образование', 'самообразование'];

export const DOCUMENT_SHORT_LABELS: Record<DocumentType, string> = {
  RF_PASSPORT: 'Паспорт РФ',
  BIRTH_CERTIFICATE: 'Свид. о рождении',
  FOREIGN_PASSPORT: 'Иностр. паспорт',
};

export type MovementKind = Schema.MovementKind;
export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  ENROL: 'Зачисление',
  TRANSFER: 'Перевод',
  EXPEL: 'Отчисление',
  GRADUATE: 'Выпуск',
};

export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  FIRST_GRADE: 'В 1 класс',
  TENTH_GRADE: 'В 10 класс',
  TRANSFER: 'Перевод',
  KINDERGARTEN: 'В детский сад',
  CAMP: 'В лагерь',
  COLLEGE: 'В колледж',
};

export const SOURCE_LABELS: Record<ApplicationSource, string> = {
  EPGU: 'ЕПГУ',
  IN_PERSON: 'Лично',
  REGIONAL_PORTAL: 'Региональный портал',
};

export const CATEGORY_LABELS: Record<ApplicationCategory, string> = {
  PRIORITY: 'Преимущественное право',
  TERRITORY: 'Закреплённая территория',
  OTHER: 'Прочие',
};

export const YEAR_STATUS_TONES: Record<SchoolYearStatus, 'neutral' | 'info' | 'success' | 'warning' | 'error'> = {
  NOT_CREATED: 'error',
  DRAFT: 'warning',
  OPEN: 'success',
  CLOSED: 'neutral',
};

export type PeriodKind = Schema.PeriodKind;
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  QUARTER: 'Четверти',
  TRIMESTER: 'Триместры',
  HALF_YEAR: 'Полугодия',
};

/** The rules behind DEADLINE_RULE refusals (admissions deadlines, school year), by `extensions.rule`. */
export const RULE_TITLES: Record<string, string> = {
  PRIORITY_RECEPTION_WINDOW: 'Срок приёма заявлений льготных категорий и закреплённой территории',
  OTHER_RECEPTION_WINDOW: 'Срок приёма заявлений детей с незакреплённой территории',
  DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION: 'Направление в ОО — не раньше окончания приёма льготных категорий',
  DIRECTION_BEFORE_OTHER_RECEPTION: 'Направление в ОО — не раньше начала приёма детей с незакреплённой территории',
  ENROLMENT_ORDER_EARLY: 'Приказ о зачислении — не раньше окончания приёма заявлений',
  ENROLMENT_ORDER_LATE: 'Приказ о зачислении — не позже 3 рабочих дней после окончания приёма',
  NO_PLACES: 'Приём — до заполнения свободных мест',
  SCHOOL_YEAR_FORMED_FROM_1_APRIL: 'Новый учебный год формируется с 1 апреля',
};
