/**
 * Enums shown in several places, defined once (issue 10 §2): the database enum, the subgraph's rules and
 * the web client's labels import them; the SDL, which cannot import, is checked against them
 * (`schema/test/enums.test.ts`). Browser-safe: no Node imports, so the web client imports this file.
 */

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
