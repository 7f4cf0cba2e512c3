/** Russian names of the API's enums as a municipal education department writes them. */

export type OrganizationType = 'SCHOOL' | 'KINDERGARTEN' | 'EXTRA_EDUCATION' | 'COLLEGE';
export type SchoolYearStatus = 'NOT_CREATED' | 'DRAFT' | 'OPEN' | 'CLOSED';
export type ApplicationKind = 'FIRST_GRADE' | 'TENTH_GRADE' | 'TRANSFER' | 'KINDERGARTEN' | 'CAMP' | 'COLLEGE';
export type ApplicationSource = 'EPGU' | 'IN_PERSON' | 'REGIONAL_PORTAL';
export type ApplicationStatus =
  | 'SUBMITTED'
  | 'UNDER_REVIEW'
  | 'DOCUMENTS_REQUESTED'
  | 'ACCEPTED'
  | 'DIRECTED'
  | 'ENROLLED'
  | 'REJECTED'
  | 'WITHDRAWN';
export type MandatoryField =
  | 'FULL_NAME'
  | 'BIRTH_DATE'
  | 'SEX'
  | 'IDENTITY_DOCUMENT'
  | 'PASSPORT'
  | 'CITIZENSHIP'
  | 'PLACE_OF_BIRTH'
  | 'REGISTRATION_ADDRESS'
  | 'RESIDENCE_ADDRESS'
  | 'EDUCATION_FORM'
  | 'SNILS'
  | 'MOVEMENT_FIRST'
  | 'MAIN_POSITION'
  | 'QUALIFICATION_CATEGORY'
  | 'PHONE'
  | 'EMAIL'
  | 'EDUCATION';

export const ORGANIZATION_TYPES: Record<OrganizationType, string> = {
  SCHOOL: 'Школа',
  KINDERGARTEN: 'Детский сад',
  EXTRA_EDUCATION: 'Доп. образование',
  COLLEGE: 'Колледж',
};

export const SCHOOL_YEAR_STATUSES: Record<SchoolYearStatus, string> = {
  NOT_CREATED: 'Не сформирован',
  DRAFT: 'Сформирован, не открыт',
  OPEN: 'Открыт',
  CLOSED: 'Закрыт',
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

export const APPLICATION_STATUSES: Record<ApplicationStatus, string> = {
  SUBMITTED: 'Подано',
  UNDER_REVIEW: 'На рассмотрении',
  DOCUMENTS_REQUESTED: 'Запрошены документы',
  ACCEPTED: 'Принято',
  DIRECTED: 'Направлен в ОО',
  ENROLLED: 'Зачислен',
  REJECTED: 'Отказано',
  WITHDRAWN: 'Отозвано заявителем',
};

export const MANDATORY_FIELDS: Record<MandatoryField, string> = {
  FULL_NAME: 'ФИО',
  BIRTH_DATE: 'Дата рождения',
  SEX: 'Пол',
  IDENTITY_DOCUMENT: 'Документ, удостоверяющий личность',
  PASSPORT: 'Паспорт',
  CITIZENSHIP: 'Гражданство',
  PLACE_OF_BIRTH: 'Место рождения',
  REGISTRATION_ADDRESS: 'Адрес регистрации',
  RESIDENCE_ADDRESS: 'Адрес проживания',
  EDUCATION_FORM: 'Форма обучения',
  SNILS: 'СНИЛС',
  MOVEMENT_FIRST: 'Отметка «Движение Первых»',
  MAIN_POSITION: 'Основная должность',
  QUALIFICATION_CATEGORY: 'Квалификационная категория',
  PHONE: 'Телефон',
  EMAIL: 'Эл. почта',
  EDUCATION: 'Образование',
};
