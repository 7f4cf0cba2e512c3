/**
 * Ages of the login rules (DOMAIN.md rules 3 and 5a): a child registers in ESIA from 14 and logs in with a
 * parent's consent until 18. A birthday begins at midnight in the region (UTC+5), not in UTC: at 00:30 local
 * on the 14th birthday the child is 14, though UTC still says the day before.
 */
import { regionAge } from '@region/kit';

/** ESIA registers a child from 14 (rule 5a); younger children are seen only through a parent's account. */
export const OWN_LOGIN_AGE = 14;
export const ADULT_AGE = 18;

export type LoginAge = 'UNDER_14' | 'MINOR' | 'ADULT';

export function loginAge(birthDate: string | null, now: Date): LoginAge {
  if (!birthDate) return 'ADULT';
  const age = regionAge(birthDate, now);
  if (age < OWN_LOGIN_AGE) return 'UNDER_14';
  return age < ADULT_AGE ? 'MINOR' : 'ADULT';
}
