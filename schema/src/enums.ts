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

/**
 * Extra education (issue 11, DOMAIN.md rules 19–20, 19a). The six directions of the regional navigator, in
 * its order: техническая, естественнонаучная, физкультурно-спортивная, художественная,
 * туристско-краеведческая, социально-гуманитарная.
 */
export const PROGRAMME_DIRECTIONS = [
  'TECHNICAL',
  'NATURAL_SCIENCE',
  'PHYSICAL_SPORTS',
  'ARTS',
  'TOURISM_LOCAL_HISTORY',
  'SOCIAL_HUMANITARIAN',
] as const;
export type ProgrammeDirection = (typeof PROGRAMME_DIRECTIONS)[number];
export const PROGRAMME_DIRECTION_NAMES: Readonly<Record<ProgrammeDirection, string>> = {
  TECHNICAL: 'Техническая',
  NATURAL_SCIENCE: 'Естественнонаучная',
  PHYSICAL_SPORTS: 'Физкультурно-спортивная',
  ARTS: 'Художественная',
  TOURISM_LOCAL_HISTORY: 'Туристско-краеведческая',
  SOCIAL_HUMANITARIAN: 'Социально-гуманитарная',
};
/** A programme's life: only PUBLISHED programmes are in the public catalogue. */
export const PROGRAMME_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
/** How a place may be paid for (rule 20): a programme offers a subset; a contract names exactly one. */
export const PAYMENT_METHODS = ['BUDGET', 'PAID', 'CERTIFICATE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_NAMES: Readonly<Record<PaymentMethod, string>> = {
  BUDGET: 'бюджет',
  PAID: 'платно',
  CERTIFICATE: 'по сертификату',
};
/** Where a certificate or an extra-education application came from (rule 19: the cabinet or ЕПГУ). */
export const EXTRA_SOURCES = ['CABINET', 'EPGU', 'IN_PERSON'] as const;
export type ExtraSource = (typeof EXTRA_SOURCES)[number];
/** «Заморожен» (issued, no enrolment) / «Актуален» (enrolled on it), rule 19: derived, kept as history. */
export const CERTIFICATE_STATUSES = ['FROZEN', 'ACTUAL'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_STATUS_NAMES: Readonly<Record<CertificateStatus, string>> = {
  FROZEN: 'Заморожен',
  ACTUAL: 'Актуален',
};
/** Money movements of a certificate (rule 19a): never a mutable balance. */
export const LEDGER_KINDS = ['CREDIT', 'RESERVE', 'CHARGE', 'RELEASE'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** An application to an extra-education group. */
export const EXTRA_APPLICATION_STATUSES = ['SUBMITTED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN', 'ENROLLED'] as const;
export type ExtraApplicationStatus = (typeof EXTRA_APPLICATION_STATUSES)[number];
export const EXTRA_APPLICATION_STATUS_NAMES: Readonly<Record<ExtraApplicationStatus, string>> = {
  SUBMITTED: 'Подана',
  ACCEPTED: 'Принята',
  REFUSED: 'Отказано',
  WITHDRAWN: 'Отозвана заявителем',
  ENROLLED: 'Зачислен',
};
