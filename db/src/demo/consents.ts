/**
 * Consents (DOMAIN.md rules 2, 3, 5): processing for nearly everyone, given by the person or, for a minor,
 * by a guardian; the login consent a parent gives a teenager; the transfer consent of a first login.
 */
import { DEMO_ACCOUNTS } from './accounts.ts';
import type { PlacedAccounts } from './account-records.ts';
import { addDays, addYears, ageOn, randomMoment } from './calendar.ts';
import type { Context } from './context.ts';
import type { ConsentRow } from './types.ts';

/** Share of generated persons without consent to processing: depersonalized in every response (rule 5). */
const WITHOUT_PROCESSING = 0.02;
const MINOR_LOGIN_SHARE = 0.8;
const HOUR_MS = 3_600_000;
/** ESIA's own account, and with it the login of rule 3, begins at 14 (rule 5a); from 18 no consent is needed. */
const OWN_LOGIN_AGE = 14;
const ADULT_AGE = 18;

const isLoginMinor = (age: number) => age >= OWN_LOGIN_AGE && age < ADULT_AGE;

export function grantConsents(context: Context, placed: PlacedAccounts): void {
  const { rng } = context;
  const generated = context.rows.persons.filter((person) => !context.accountPersonIds.has(person.id));
  const withheld = new Set(rng.sample(generated, Math.round(generated.length * WITHOUT_PROCESSING)).map((p) => p.id));
  for (const person of context.rows.persons) {
    if (withheld.has(person.id) || !person.birthDate) continue;
    const age = ageOn(person.birthDate, context.asOf);
    const guardian = context.guardiansOf.get(person.id)?.[0];
    const grantedBy = age < 18 && guardian ? guardian : person.id;
    // Consent is collected when the card is made: at enrolment, hiring, or the child's admission.
    const grantedAt = randomMoment(rng, addDays(context.yearStart, -400), addDays(context.yearStart, -1));
    addConsent(context, person.id, 'PROCESSING', grantedBy, grantedAt);
    const account = context.accountPersonIds.has(person.id);
    if (!account && guardian && isLoginMinor(age) && rng.chance(MINOR_LOGIN_SHARE)) {
      // Granted while the child was 14 already: the platform refuses it for a younger child (rule 3).
      const fourteen = addYears(person.birthDate, OWN_LOGIN_AGE);
      const from = fourteen > context.yearStart ? fourteen : context.yearStart;
      addConsent(context, person.id, 'MINOR_LOGIN', guardian, randomMoment(rng, from, addDays(context.asOf, -1)));
    }
  }
  grantAccountConsents(context, placed);
}

/**
 * Linked accounts have logged in before: teenagers of 14–17 with their parent's login consent (after the
 * refused first attempt of rule 3), everyone who logged in with the transfer
 * consent of rule 2. The `minor-without-consent` account gets neither.
 */
function grantAccountConsents(context: Context, placed: PlacedAccounts): void {
  for (const account of DEMO_ACCOUNTS) {
    const [record] = placed.records.get(account.login) ?? [];
    const link = context.rows.esiaLinks.find((candidate) => candidate.esiaOid === account.oid);
    if (!record || !link?.linkedAt || account.platform.kind !== 'linked') continue;
    const linkedAt = link.linkedAt.getTime();
    const age = ageOn(account.profile.birthDate, context.asOf);
    const guardian = context.guardiansOf.get(record.id)?.[0];
    // A child under 14 has no login of their own, so no login consent either (rules 3, 5a): the platform
    // refuses MINOR_LOGIN outside 14–17. account-records.ts links a teenager's account after the 14th birthday.
    if (isLoginMinor(age) && guardian) {
      const grantedAt = new Date(linkedAt - HOUR_MS);
      context.rows.consentRequests.push({
        id: context.ids.next(),
        personId: record.id,
        kind: 'MINOR_LOGIN',
        requestedAt: new Date(linkedAt - 26 * HOUR_MS),
        resolvedAt: grantedAt,
      });
      addConsent(context, record.id, 'MINOR_LOGIN', guardian, grantedAt);
    }
    if (record.lastLoginAt) addConsent(context, record.id, 'DATA_TRANSFER', record.id, new Date(linkedAt));
  }
}

function addConsent(
  context: Context,
  personId: string,
  kind: ConsentRow['kind'],
  grantedBy: string,
  grantedAt: Date,
): void {
  context.rows.consents.push({
    id: context.ids.next(),
    personId,
    kind,
    grantedBy,
    grantedAt,
    withdrawnAt: null,
    withdrawnBy: null,
  });
}
