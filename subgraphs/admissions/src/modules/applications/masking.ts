/**
 * Rule 5 for admissions' own copies of personal data: an application keeps the child's name, birth date,
 * address and documents as the applicant gave them, and shows them only while the person has an active
 * consent to processing — the consent people owns, which the gateway hands over through `@requires`
 * (`childConsent { granted }`). Masked exactly as people masks a card: the name «Обезличено ***», every
 * other personal-data field null, `depersonalized: true`; the application stays countable.
 */
import { MASKED_FIRST_NAME, MASKED_LAST_NAME } from '@region/schema/personal-data';
import type { ApplicationRow } from './service.ts';

/** What the gateway sent with the representation; absent when the field was not planned through it. */
type ConsentRef = { granted?: boolean | null } | null | undefined;

/** An application as `__resolveReference` returns it: the row with the consents `@requires` brought. */
export type ApplicationWithConsent = ApplicationRow & { childConsent?: ConsentRef; applicantConsent?: ConsentRef };

/**
 * Does the person consent? A person not matched to a card yet (an ЕПГУ application, `personId` null)
 * consented on ЕПГУ with the application itself. Anything else fails closed: no answer from people is no
 * consent.
 */
export function consents(personId: string | null, consent: ConsentRef): boolean {
  if (personId === null) return true;
  return consent?.granted === true;
}

export function childConsents(row: ApplicationWithConsent): boolean {
  return consents(row.childId, row.childConsent);
}

export function maskedName(parts: readonly (string | null | undefined)[], consented: boolean): string {
  if (!consented) return `${MASKED_LAST_NAME} ${MASKED_FIRST_NAME}`;
  return parts.filter(Boolean).join(' ');
}

/** A personal-data field of the child's: its value with consent, null without. */
export function childField<T>(read: (row: ApplicationWithConsent) => T) {
  return (row: ApplicationWithConsent): T | null => (childConsents(row) ? read(row) : null);
}
