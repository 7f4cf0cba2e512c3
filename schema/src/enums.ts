/**
 * Enums shown in several places, defined once (issue 10 §2): the database enum, the subgraph's rules and
 * the web client's labels import them; the SDL, which cannot import, is checked against them
 * (`schema/test/enums.test.ts`). Browser-safe: no Node imports, so the web client imports this file.
 */

export const APPLICATION_KINDS = ['FIRST_GRADE', 'TENTH_GRADE', 'TRANSFER', 'KINDERGARTEN', 'CAMP', 'COLLEGE'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_SOURCES = ['EPGU', 'IN_PERSON', 'REGIONAL_PORTAL'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];
/** PRIORITY: rights of Order 458 points 9, 9(1), 10, 12; TERRITORY: lives on the school's territory. */
export const APPLICATION_CATEGORIES = ['PRIORITY', 'TERRITORY', 'OTHER'] as const;
export type ApplicationCategory = (typeof APPLICATION_CATEGORIES)[number];

/** An application's status (admissions' status machine, Order 458). */
export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'UNDER_REVIEW',
  'DOCUMENTS_REQUESTED',
  'ACCEPTED',
  'DIRECTED',
  'ENROLLED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The one Russian name of each status: a parent sees the status the school set, in the same words. */
export const APPLICATION_STATUS_NAMES: Readonly<Record<ApplicationStatus, string>> = {
  SUBMITTED: 'Подано',
  UNDER_REVIEW: 'На рассмотрении',
  DOCUMENTS_REQUESTED: 'Запрошены документы',
  ACCEPTED: 'Принято к рассмотрению',
  DIRECTED: 'Направлен в ОО',
  ENROLLED: 'Зачислен',
  REJECTED: 'Отказано',
  WITHDRAWN: 'Отозвано заявителем',
};
