/**
 * Login through ESIA (DOMAIN.md rules 1–5a, seeds 000–002): find the person for an ESIA account, link a
 * confirmed account automatically, refuse ambiguous matches, hold a minor back until a parent consents,
 * and build the principal the gateway will carry to every subgraph.
 */
import type { Grant, Scope } from '@region/schema';
import { normalizeIdentityDocument, normalizeSnils } from '@region/schema';
import type { Principal } from '@region/kit';
import type { Executor } from '@region/db';
import { normalizeFullName } from '@region/db/normalize';
import { recordHistory } from '../history.ts';
import { loginAge } from './age.ts';
import {
  activeRoleGrants,
  activeServiceAccount,
  countLiveNamesakes,
  esiaProfileOf,
  insertEsiaLink,
  isEnrolled,
  linkedPerson,
  liveChildrenOf,
  livePersonById,
  livePersonBySnils,
  livePersonsByNameBirthDocument,
  markLoggedIn,
  organizationsOfMunicipalities,
  saveEsiaProfile,
} from './repository.ts';
import { hasActiveConsent, insertConsent, requestConsent } from '../consents/repository.ts';
import { notifyConsentRequest } from '../notifications/service.ts';

/** A child listed by the parent's ESIA account (`rs/prns/{oid}/kids` and the kid's `/docs`). */
export interface EsiaKid {
  oid?: string | null;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  documentType?: string | null;
  documentSeries?: string | null;
  documentNumber?: string | null;
}

export interface EsiaProfile {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  snils?: string | null;
  trusted: boolean;
  documentType?: string | null;
  documentSeries?: string | null;
  documentNumber?: string | null;
  kids?: EsiaKid[] | null;
}

export type LoginResolution =
  | { outcome: 'OK'; principal: Principal }
  | {
      outcome: 'NEEDS_PROFILE' | 'ACCOUNT_NOT_LINKED' | 'DUPLICATE_RECORDS' | 'CONSENT_REQUIRED' | 'CHILD_UNDER_14';
      message: string;
    };

export const MESSAGES = {
  notLinked:
    'С выбранной учётной записью портала Госуслуг не связан ни один пользователь системы. ' +
    'Обратитесь в образовательную организацию: сотрудник сверит ФИО, дату рождения, СНИЛС и документ в вашей карточке ' +
    'с данными Госуслуг, после чего вход заработает.',
  untrusted:
    'Учётная запись Госуслуг не подтверждена. Подтвердите её (в МФЦ, банке или с электронной подписью) и войдите снова — ' +
    'подтверждённая учётная запись связывается с карточкой автоматически.',
  duplicates:
    'В системе найдено несколько карточек с вашими ФИО и датой рождения. Вход невозможен, пока образовательная ' +
    'организация не объединит дубликаты. Сообщите об этом в школу или детский сад.',
  consentRequired:
    'Для входа несовершеннолетнего нужно согласие родителя (законного представителя). Запрос отправлен в кабинет ' +
    'родителя; после его согласия войдите снова.',
  needsProfile: 'Нужны данные учётной записи Госуслуг.',
  underFourteen:
    'Дети младше 14 лет не входят в систему сами: до 14 лет ребёнок есть на Госуслугах только в учётной записи ' +
    'родителя. Дневник, расписание и портфолио ребёнка родитель (законный представитель) видит в своём кабинете.',
} as const;

type PersonMatch = { id: string; normalizedName: string; birthDate: string | null };

export async function resolveLogin(
  tx: Executor,
  input: { oid: string; profile?: EsiaProfile | null },
  now: Date,
): Promise<LoginResolution> {
  const linked = await findLinkedPerson(tx, input.oid);
  if (linked) {
    let esiaBirthDate = input.profile?.birthDate ?? null;
    if (input.profile) await rememberProfile(tx, input.oid, input.profile, now);
    else {
      // The portfolio compares the card with what ESIA says (rule 12): an account linked before the platform
      // kept ESIA's data is asked for it once more.
      const seen = await esiaProfileOf(tx, input.oid);
      if (!seen) return { outcome: 'NEEDS_PROFILE', message: MESSAGES.needsProfile };
      esiaBirthDate = seen.birthDate;
    }
    return admit(tx, linked, now, esiaBirthDate);
  }
  if (!input.profile) return { outcome: 'NEEDS_PROFILE', message: MESSAGES.needsProfile };
  // Rule 5a: only a confirmed account is linked automatically.
  if (!input.profile.trusted) return { outcome: 'ACCOUNT_NOT_LINKED', message: MESSAGES.untrusted };

  const match = await findMatch(tx, input.profile);
  if (match.kind === 'none') return { outcome: 'ACCOUNT_NOT_LINKED', message: MESSAGES.notLinked };
  if (match.kind === 'ambiguous') return { outcome: 'DUPLICATE_RECORDS', message: MESSAGES.duplicates };
  await insertEsiaLink(tx, { esiaOid: input.oid, personId: match.person.id, method: match.method });
  await recordHistory(tx, {
    entity: 'esia_link',
    entityId: match.person.id,
    field: 'esia_oid',
    oldValue: null,
    newValue: { oid: input.oid, method: match.method },
    changedBy: match.person.id,
  });
  await rememberProfile(tx, input.oid, input.profile, now);
  return admit(tx, match.person, now, input.profile.birthDate ?? null);
}

function documentOf(facts: {
  documentType?: string | null;
  documentSeries?: string | null;
  documentNumber?: string | null;
}) {
  if (!facts.documentNumber) return { documentType: null, documentSeries: null, documentNumber: null };
  const key = normalizeIdentityDocument(facts.documentType, facts.documentSeries, facts.documentNumber);
  return { documentType: facts.documentType ?? null, documentSeries: key.series, documentNumber: key.number };
}

const DOCUMENT_TYPES = new Set(['RF_PASSPORT', 'BIRTH_CERTIFICATE', 'FOREIGN_PASSPORT']);
type DocumentType = 'RF_PASSPORT' | 'BIRTH_CERTIFICATE' | 'FOREIGN_PASSPORT';

/** Keeps what ESIA said at this login (rule 12 compares the cards with it), replacing the previous one. */
async function rememberProfile(tx: Executor, oid: string, profile: EsiaProfile, now: Date): Promise<void> {
  const document = documentOf(profile);
  const values = {
    lastName: profile.lastName,
    firstName: profile.firstName,
    middleName: profile.middleName ?? null,
    birthDate: profile.birthDate ?? null,
    snils: profile.snils ? normalizeSnils(profile.snils) : null,
    ...document,
    documentType:
      document.documentType && DOCUMENT_TYPES.has(document.documentType)
        ? (document.documentType as DocumentType)
        : null,
    kids: (profile.kids ?? []).map((kid) => ({
      oid: kid.oid ?? null,
      lastName: kid.lastName,
      firstName: kid.firstName,
      middleName: kid.middleName ?? null,
      birthDate: kid.birthDate ?? null,
      ...documentOf(kid),
    })),
    seenAt: now,
  };
  await saveEsiaProfile(tx, oid, values);
}

async function findLinkedPerson(tx: Executor, oid: string): Promise<PersonMatch | null> {
  const row = await linkedPerson(tx, oid);
  if (!row) return null;
  // A link to a record merged since points at the record that was kept (merge moves links, this is a guard).
  if (row.mergedInto) return (await livePersonById(tx, row.mergedInto)) ?? null;
  return row;
}

type Match =
  | { kind: 'none' }
  | { kind: 'ambiguous' }
  | { kind: 'one'; person: PersonMatch; method: 'SNILS' | 'NAME_BIRTH_DOCUMENT' };

/** Rule 2: by SNILS, else by full name + birth date + identity document. */
async function findMatch(tx: Executor, profile: EsiaProfile): Promise<Match> {
  let found: PersonMatch | undefined;
  let method: 'SNILS' | 'NAME_BIRTH_DOCUMENT' = 'SNILS';
  if (profile.snils) {
    found = await livePersonBySnils(tx, normalizeSnils(profile.snils));
  }
  if (!found && profile.birthDate && profile.documentNumber) {
    method = 'NAME_BIRTH_DOCUMENT';
    const name = normalizeFullName(profile.lastName, profile.firstName, profile.middleName ?? null);
    // ESIA and a school may write one document differently (`75 00` / `7500`): compare one writing.
    const document = normalizeIdentityDocument(profile.documentType, profile.documentSeries, profile.documentNumber);
    const candidates = await livePersonsByNameBirthDocument(tx, {
      normalizedName: name,
      birthDate: profile.birthDate,
      documentNumber: document.number,
      documentSeries: document.series,
    });
    if (candidates.length > 1) return { kind: 'ambiguous' };
    found = candidates[0];
  }
  if (!found) {
    // Nothing confirms one record, but several records share the account's name and birth date: these are
    // duplicates the school must merge before anybody can be linked (seed 000).
    if (!profile.birthDate) return { kind: 'none' };
    const name = normalizeFullName(profile.lastName, profile.firstName, profile.middleName ?? null);
    const namesakes = await countLiveNamesakes(tx, name, profile.birthDate);
    return namesakes > 1 ? { kind: 'ambiguous' } : { kind: 'none' };
  }
  // A live twin (same normalized name and birth date) may be the same human: linking one of the two would
  // split their data, so the school must merge them first (rule 8, seed 000: 37,335 duplicate parents).
  if ((await countLiveNamesakes(tx, found.normalizedName, found.birthDate)) > 1) return { kind: 'ambiguous' };
  return { kind: 'one', person: found, method };
}

async function admit(
  tx: Executor,
  person: PersonMatch,
  now: Date,
  esiaBirthDate: string | null,
): Promise<LoginResolution> {
  // The card's birth date decides; a card without one falls back to ESIA's, so a blank card is no way in.
  const age = loginAge(person.birthDate ?? esiaBirthDate, now);
  // ESIA issues no account to a child under 14 (rule 5a); a token that says otherwise is not trusted for it,
  // and no consent request is made: a parent's consent cannot let such a child in.
  if (age === 'UNDER_14') return { outcome: 'CHILD_UNDER_14', message: MESSAGES.underFourteen };
  if (age === 'MINOR') {
    if (!(await hasActiveConsent(tx, person.id, 'MINOR_LOGIN'))) {
      // Rule 3: the first attempt fails and the request appears in the parent's cabinet.
      if (await requestConsent(tx, person.id, 'MINOR_LOGIN', now)) await notifyConsentRequest(tx, person.id, now);
      return { outcome: 'CONSENT_REQUIRED', message: MESSAGES.consentRequired };
    }
  }
  await markLoggedIn(tx, person.id, now);
  return { outcome: 'OK', principal: { kind: 'PERSON', personId: person.id, grants: await grantsOf(tx, person.id) } };
}

/**
 * Official roles come from role_grants; GUARDIAN and STUDENT follow from the person's links, so they can
 * never go stale: a parent sees exactly the children linked to them (rule 4).
 */
export async function grantsOf(tx: Executor, personId: string): Promise<Grant[]> {
  const rows = await activeRoleGrants(tx, personId);
  const municipalityIds = rows.flatMap((row) => (row.municipalityId ? [row.municipalityId] : []));
  const municipalityOrganizations = municipalityIds.length
    ? await organizationsOfMunicipalities(tx, municipalityIds)
    : [];
  const grants: Grant[] = rows.map((row): Grant => {
    switch (row.territory) {
      case 'REGION':
        return { role: row.role, territory: { kind: 'REGION' } };
      case 'MUNICIPALITY':
        return {
          role: row.role,
          territory: {
            kind: 'MUNICIPALITY',
            municipalityId: row.municipalityId!,
            organizationIds: municipalityOrganizations
              .filter((o) => o.municipalityId === row.municipalityId)
              .map((o) => o.id),
          },
        };
      case 'ORGANIZATION':
        return { role: row.role, territory: { kind: 'ORGANIZATION', organizationId: row.organizationId! } };
      case 'CLASS':
        return {
          role: row.role,
          territory: { kind: 'CLASS', organizationId: row.organizationId!, classId: row.classId! },
        };
      case 'CHILDREN':
      case 'SELF':
        return { role: row.role, territory: { kind: 'SELF' } };
    }
  });
  const children = await liveChildrenOf(tx, personId);
  if (children.length > 0) {
    grants.push({ role: 'GUARDIAN', territory: { kind: 'CHILDREN', personIds: children } });
  }
  if (await isEnrolled(tx, personId)) grants.push({ role: 'STUDENT', territory: { kind: 'SELF' } });
  return grants;
}

/** An external system's principal: the SERVICE role over the territory it was registered for. */
export async function resolveService(tx: Executor, clientId: string): Promise<Principal | null> {
  const account = await activeServiceAccount(tx, clientId);
  if (!account) return null;
  if (account.territory === 'MUNICIPALITY' && account.municipalityId) {
    const organizationIds = await organizationsOfMunicipalities(tx, [account.municipalityId]);
    return {
      kind: 'SERVICE',
      serviceId: account.id,
      grants: [
        {
          role: 'SERVICE',
          territory: {
            kind: 'MUNICIPALITY',
            municipalityId: account.municipalityId,
            organizationIds: organizationIds.map((o) => o.id),
          },
          scopes: account.scopes as Scope[],
        },
      ],
    };
  }
  return {
    kind: 'SERVICE',
    serviceId: account.id,
    grants: [{ role: 'SERVICE', territory: { kind: 'REGION' }, scopes: account.scopes as Scope[] }],
  };
}

/** The consent to the transfer of personal data, asked of a person at their first login. */
export async function dataTransferConsentRequired(tx: Executor, personId: string): Promise<boolean> {
  return !(await hasActiveConsent(tx, personId, 'DATA_TRANSFER'));
}

export async function acceptDataTransfer(tx: Executor, personId: string, now: Date): Promise<void> {
  // Given twice (two tabs), the first one stays.
  await insertConsent(tx, { personId, kind: 'DATA_TRANSFER', grantedBy: personId, grantedAt: now });
}
