/**
 * ESIA's person API (`rs/prns/{oid}`, `/docs`), read with the user's own token while their account is not
 * linked yet: the facts rule 2 matches a person record by.
 */
export interface EsiaProfile {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  snils: string | null;
  trusted: boolean;
  documentType: string | null;
  documentSeries: string | null;
  documentNumber: string | null;
  /** The account's children (`/kids` with each kid's `/docs`): the portfolio compares the children's cards. */
  kids: EsiaKidProfile[];
}

export interface EsiaKidProfile {
  oid: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  documentType: string | null;
  documentSeries: string | null;
  documentNumber: string | null;
}

interface KidsAnswer {
  elements?: { id?: string | number; lastName?: string; firstName?: string; middleName?: string; birthDate?: string }[];
}

interface PersonAnswer {
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate?: string;
  snils?: string;
  trusted?: boolean;
}

interface DocsAnswer {
  elements?: { type?: string; series?: string; number?: string }[];
}

const DOCUMENT_TYPES: Record<string, string> = { RF_PASSPORT: 'RF_PASSPORT', RF_BRTH_CERT: 'BIRTH_CERTIFICATE' };

/** `dd.MM.yyyy` → `yyyy-MM-dd`. */
function isoDate(esiaDate: string | undefined): string | null {
  const match = esiaDate?.match(/^(\d{2})\.(\d{2})\.(\d{4})$/);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}

export async function fetchEsiaProfile(apiUrl: string, oid: string, accessToken: string): Promise<EsiaProfile> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(path, apiUrl), { headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`ESIA ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const person = await get<PersonAnswer>(`/rs/prns/${encodeURIComponent(oid)}`);
  const docs = await get<DocsAnswer>(`/rs/prns/${encodeURIComponent(oid)}/docs`).catch(
    () => ({ elements: [] }) as DocsAnswer,
  );
  const document = docs.elements?.find((doc) => doc.type && doc.type in DOCUMENT_TYPES);
  const kids = await get<KidsAnswer>(`/rs/prns/${encodeURIComponent(oid)}/kids`).catch(() => ({}) as KidsAnswer);
  const kidProfiles = await Promise.all(
    (kids.elements ?? [])
      .filter((kid) => kid.lastName && kid.firstName)
      .map(async (kid): Promise<EsiaKidProfile> => {
        const kidOid = kid.id === undefined ? null : String(kid.id);
        const kidDocs = kidOid
          ? await get<DocsAnswer>(`/rs/prns/${encodeURIComponent(oid)}/kids/${encodeURIComponent(kidOid)}/docs`).catch(
              () => ({ elements: [] }) as DocsAnswer,
            )
          : { elements: [] };
        const kidDocument = kidDocs.elements?.find((doc) => doc.type && doc.type in DOCUMENT_TYPES);
        return {
          oid: kidOid,
          lastName: kid.lastName!,
          firstName: kid.firstName!,
          middleName: kid.middleName ?? null,
          birthDate: isoDate(kid.birthDate),
          documentType: kidDocument?.type ? (DOCUMENT_TYPES[kidDocument.type] ?? null) : null,
          documentSeries: kidDocument?.series ?? null,
          documentNumber: kidDocument?.number ?? null,
        };
      }),
  );
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    birthDate: isoDate(person.birthDate),
    snils: person.snils ?? null,
    trusted: person.trusted === true,
    documentType: document?.type ? (DOCUMENT_TYPES[document.type] ?? null) : null,
    documentSeries: document?.series ?? null,
    documentNumber: document?.number ?? null,
    kids: kidProfiles,
  };
}
