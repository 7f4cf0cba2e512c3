/**
 * The API's enums that several cabinets show, with the Russian names that must read the same everywhere (a
 * status a parent sees is the status the school set). Wording that depends on the reader — how a kind of
 * application is put to a parent or to a coordinator — stays in each cabinet's own labels.
 */
import {
  APPLICATION_STATUS_NAMES,
  type ApplicationCategory,
  type ApplicationKind,
  type ApplicationSource,
  type ApplicationStatus,
} from '@region/schema/enums';
import type { NoticeTone } from './kit.tsx';
import type * as Schema from '../generated/graphql.ts';

export type OrganizationType = Schema.OrganizationType;
export type SchoolYearStatus = Schema.SchoolYearStatus;
export type { ApplicationCategory, ApplicationKind, ApplicationSource };
export type { ApplicationStatus };
export type MandatoryField = Schema.MandatoryField;

/** Roles as a person reads them: the header's grants, the personal-data access log. */
export const ROLE_TITLES: Readonly<Record<string, string>> = {
  REGIONAL_OPERATOR: 'Региональный оператор',
  MINISTRY_ANALYST: 'Аналитик министерства',
  MUNICIPAL_COORDINATOR: 'Муниципальный координатор',
  ORG_ADMIN: 'Администратор',
  TEACHER: 'Учитель',
  CLASS_TEACHER: 'Классный руководитель',
  GUARDIAN: 'Родитель',
  STUDENT: 'Обучающийся',
  SERVICE: 'Внешняя система',
};

/** As the admissions subgraph names them (`Application.statusName`): one list, `@region/schema/enums`. */
export const APPLICATION_STATUSES: Readonly<Record<ApplicationStatus, string>> = APPLICATION_STATUS_NAMES;

/** The badge colour of each status: a parent and a secretary see the same colour for the same state. */
export const APPLICATION_STATUS_TONES: Record<ApplicationStatus, 'neutral' | NoticeTone> = {
  SUBMITTED: 'info',
  UNDER_REVIEW: 'info',
  DOCUMENTS_REQUESTED: 'warning',
  ACCEPTED: 'info',
  DIRECTED: 'success',
  ENROLLED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
};

export const SCHOOL_YEAR_STATUSES: Record<SchoolYearStatus, string> = {
  NOT_CREATED: 'Не сформирован',
  DRAFT: 'Сформирован, не открыт',
  OPEN: 'Открыт',
  CLOSED: 'Закрыт',
};

/** The mandatory card fields of «Контроль заполнения данных» (DOMAIN.md rule 7). */
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
