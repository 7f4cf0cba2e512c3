/**
 * Russian names of the extra-education enums (issue 11). Directions, payment methods and statuses come from
 * `@region/schema/enums`, the lists the SDL is held to, so the catalogue, the cabinet and the organization read
 * the same words; the catalogue's funding filter is the navigator's own wording.
 */
import {
  CERTIFICATE_STATUS_NAMES,
  EXTRA_APPLICATION_STATUS_NAMES,
  PAYMENT_METHOD_NAMES,
  PROGRAMME_DIRECTION_NAMES,
  PROGRAMME_DIRECTIONS,
} from '@region/schema/enums';
import type * as Schema from '../../generated/graphql.ts';
import type { NoticeTone } from '../../ui/kit.tsx';

export type ProgrammeDirection = Schema.ProgrammeDirection;
export type PaymentMethod = Schema.PaymentMethod;
export type ProgrammeStatus = Schema.ProgrammeStatus;
export type CatalogueFunding = Schema.CatalogueFunding;

export const DIRECTIONS: readonly ProgrammeDirection[] = PROGRAMME_DIRECTIONS as readonly ProgrammeDirection[];
export const DIRECTION_NAMES: Readonly<Record<ProgrammeDirection, string>> = PROGRAMME_DIRECTION_NAMES;

export const PAYMENT_METHODS: Readonly<Record<PaymentMethod, string>> = PAYMENT_METHOD_NAMES;

/** The catalogue filter, worded as the regional navigator words it. */
export const CATALOGUE_FUNDING: Readonly<Record<CatalogueFunding, string>> = {
  FREE: 'Бесплатно',
  CERTIFICATE: 'По сертификату',
  PAID: 'Платно',
};

export const PROGRAMME_STATUSES: Readonly<Record<ProgrammeStatus, string>> = {
  DRAFT: 'Черновик',
  PUBLISHED: 'Опубликована',
  ARCHIVED: 'В архиве',
};

export const PROGRAMME_STATUS_TONES: Record<ProgrammeStatus, 'neutral' | NoticeTone> = {
  DRAFT: 'warning',
  PUBLISHED: 'success',
  ARCHIVED: 'neutral',
};

export const CERTIFICATE_STATUSES: Readonly<Record<string, string>> = CERTIFICATE_STATUS_NAMES;
export const EXTRA_APPLICATION_STATUSES: Readonly<Record<string, string>> = EXTRA_APPLICATION_STATUS_NAMES;

export const EXTRA_APPLICATION_TONES: Record<string, 'neutral' | NoticeTone> = {
  SUBMITTED: 'info',
  ACCEPTED: 'info',
  REFUSED: 'error',
  WITHDRAWN: 'neutral',
  ENROLLED: 'success',
};

const RUBLES = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', maximumFractionDigits: 2 });

/** A decimal string of the API («1500.00») as «1 500 ₽». */
export function formatRubles(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const value = Number(amount);
  return Number.isFinite(value) ? RUBLES.format(value) : amount;
}

/** «7–12 лет». */
export function formatAges(from: number, to: number): string {
  return `${from}–${to} ${yearsWord(to)}`;
}

export function yearsWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'лет';
  if (ones === 1) return 'год';
  if (ones >= 2 && ones <= 4) return 'года';
  return 'лет';
}

/** The price as the catalogue shows it: free when the budget pays, else the month's price and the ways to pay. */
export function describeFunding(funding: readonly PaymentMethod[], pricePerMonth: string): string {
  const ways = funding.map((method) => PAYMENT_METHODS[method]).join(', ');
  if (funding.length === 1 && funding[0] === 'BUDGET') return 'Бесплатно';
  return `${formatRubles(pricePerMonth)} в месяц · ${ways}`;
}
