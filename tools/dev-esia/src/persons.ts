/**
 * The person API `rs/prns/{oid}` in ESIA's own shape (rule 5a): dates as dd.MM.yyyy, SNILS printed
 * `XXX-XXX-XXX YY`, absent fields omitted rather than null. The platform compares these facts with its own
 * records when it links an account (rule 2) and when it explains the school portfolio (rule 12).
 */
import { formatSnils } from '@region/schema';
import type { DemoAccount, DemoDocument } from '@region/db/demo/accounts';

/** '2011-05-17' → '17.05.2011'. */
export function esiaDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

function nameAndBirth(account: DemoAccount) {
  const { profile } = account;
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    ...(profile.middleName ? { middleName: profile.middleName } : {}),
    birthDate: esiaDate(profile.birthDate),
    gender: profile.gender,
    ...(profile.snils ? { snils: formatSnils(profile.snils) } : {}),
  };
}

export function personResource(account: DemoAccount) {
  return {
    ...nameAndBirth(account),
    citizenship: account.profile.citizenship,
    trusted: account.profile.trusted,
    status: 'REGISTERED',
  };
}

export function kidElement(kid: DemoAccount) {
  return { id: kid.oid, type: 'KID', ...nameAndBirth(kid) };
}

// ESIA's own document type codes, so the platform's matcher works unchanged behind a real ESIA broker.
const ESIA_DOC_TYPE: Record<DemoDocument['type'], string> = {
  RF_PASSPORT: 'RF_PASSPORT',
  BIRTH_CERTIFICATE: 'RF_BRTH_CERT',
};

export function documentElements(account: DemoAccount) {
  const document = account.profile.document;
  if (!document) return [];
  return [
    {
      type: ESIA_DOC_TYPE[document.type],
      // Only a confirmed account has its document checked against the state registers.
      vrfStu: account.profile.trusted ? 'VERIFIED' : 'NOT_VERIFIED',
      series: document.series,
      number: document.number,
      issueDate: esiaDate(document.issueDate),
    },
  ];
}

/** ESIA wraps collections as `{ stateFacts, size, elements }`. */
export function collection<T>(elements: T[]) {
  return { stateFacts: ['hasSize'], size: elements.length, elements };
}
