/**
 * The ЕПГУ school portfolio is shown only when (DOMAIN.md rule 12, seed 001): the child's data is in the
 * parent's cabinet; child and parent full name, birth date and identity document are in the system; they
 * match ESIA; parent and child are linked. This names, per child, each condition that fails.
 *
 * "They match ESIA" is checked against what ESIA said at the guardian's last login (`esia_profiles`): the
 * guardian's own `rs/prns` and `/docs`, and the child as the guardian's `/kids` lists it. A problem names the
 * field that differs, never ESIA's value (that is the family's data, not the school's).
 */
import { normalizeFullName } from '@region/db/normalize';
import { sameIdentityDocument } from '@region/schema';

export interface CardFacts {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate: string | null;
  documentType?: string | null;
  documentSeries?: string | null;
  documentNumber: string | null;
}

/** A person as ESIA describes them (the account itself, or one of its `/kids`). */
export interface EsiaFacts {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  documentType: string | null;
  documentSeries: string | null;
  documentNumber: string | null;
}

export interface EsiaSnapshot extends EsiaFacts {
  kids: EsiaFacts[];
}

export interface GuardianFacts extends CardFacts {
  id: string;
  /** The guardian's own consent to processing (rule 5). */
  consented: boolean;
  /** The guardian's ESIA account is linked to their record (their data was matched with ESIA). */
  esiaLinked: boolean;
  /** What ESIA said at the guardian's last login that read it; null when it has not been seen yet. */
  esia: EsiaSnapshot | null;
}

export type ProblemCode =
  | 'NO_LINKED_GUARDIAN'
  | 'CHILD_DATA_INCOMPLETE'
  | 'GUARDIAN_DATA_INCOMPLETE'
  | 'GUARDIAN_NOT_IN_ESIA'
  | 'GUARDIAN_ESIA_MISMATCH'
  | 'CHILD_NOT_IN_ESIA'
  | 'CHILD_ESIA_MISMATCH'
  | 'CHILD_DEPERSONALIZED'
  | 'GUARDIAN_DEPERSONALIZED';

/** The card fields compared with ESIA (names of `MandatoryField`). */
export type ComparedField = 'FULL_NAME' | 'BIRTH_DATE' | 'IDENTITY_DOCUMENT';

export interface Problem {
  code: ProblemCode;
  message: string;
  guardianId: string | null;
  field?: ComparedField | null;
}

const FIELD_LABEL: Record<ComparedField, string> = {
  FULL_NAME: 'ФИО',
  BIRTH_DATE: 'дата рождения',
  IDENTITY_DOCUMENT: 'документ, удостоверяющий личность',
};

function missing(card: CardFacts): string[] {
  const gaps: string[] = [];
  if (!card.lastName.trim() || !card.firstName.trim()) gaps.push('ФИО');
  if (!card.birthDate) gaps.push('дата рождения');
  if (!card.documentNumber?.trim()) gaps.push('документ, удостоверяющий личность');
  return gaps;
}

const nameOf = (facts: { lastName: string; firstName: string; middleName?: string | null }) =>
  normalizeFullName(facts.lastName, facts.firstName, facts.middleName ?? null);

/** Fields of a card that differ from ESIA; a field missing on the card is reported as incomplete instead. */
export function esiaMismatches(card: CardFacts, esia: EsiaFacts): ComparedField[] {
  const fields: ComparedField[] = [];
  if (nameOf(card) !== nameOf(esia)) fields.push('FULL_NAME');
  if (card.birthDate && card.birthDate !== esia.birthDate) fields.push('BIRTH_DATE');
  if (
    card.documentNumber &&
    !sameIdentityDocument(
      { type: card.documentType, series: card.documentSeries, number: card.documentNumber },
      { type: esia.documentType, series: esia.documentSeries, number: esia.documentNumber },
    )
  ) {
    fields.push('IDENTITY_DOCUMENT');
  }
  return fields;
}

/** The child among the guardian's ESIA kids: by full name, else the only kid born on the child's birth date. */
function findKid(child: CardFacts, kids: readonly EsiaFacts[]): EsiaFacts | null {
  const byName = kids.filter((kid) => nameOf(kid) === nameOf(child));
  if (byName.length === 1) return byName[0]!;
  const byBirth = (byName.length > 1 ? byName : kids).filter((kid) => kid.birthDate === child.birthDate);
  return byBirth.length === 1 ? byBirth[0]! : null;
}

function guardianProblems(child: CardFacts, guardian: GuardianFacts): Problem[] {
  if (!guardian.consented) {
    return [
      {
        code: 'GUARDIAN_DEPERSONALIZED',
        message:
          'Нет согласия родителя на обработку его персональных данных: его данные обезличены и не сверяются с Госуслугами. Дайте согласие в кабинете.',
        guardianId: guardian.id,
      },
    ];
  }
  const problems: Problem[] = [];
  const gaps = missing(guardian);
  if (gaps.length) {
    problems.push({
      code: 'GUARDIAN_DATA_INCOMPLETE',
      message: `В карточке родителя не заполнено: ${gaps.join(', ')}. Без этого сведения о ребёнке не сопоставить с Госуслугами.`,
      guardianId: guardian.id,
    });
  }
  if (!guardian.esiaLinked || !guardian.esia) {
    problems.push({
      code: 'GUARDIAN_NOT_IN_ESIA',
      message: guardian.esiaLinked
        ? 'Данные родителя с Госуслуг ещё не получены. Войдите в систему через Госуслуги ещё раз — они будут сверены.'
        : 'Родитель ещё не входил в систему через Госуслуги: его учётная запись не сопоставлена с карточкой. Войдите один раз через Госуслуги.',
      guardianId: guardian.id,
    });
    return problems;
  }
  for (const field of esiaMismatches(guardian, guardian.esia)) {
    problems.push({
      code: 'GUARDIAN_ESIA_MISMATCH',
      message: `В карточке родителя ${FIELD_LABEL[field]} не совпадает с Госуслугами. Сверьте с паспортом и исправьте карточку (в школе) или данные на Госуслугах.`,
      guardianId: guardian.id,
      field,
    });
  }
  const kid = findKid(child, guardian.esia.kids);
  if (!kid) {
    problems.push({
      code: 'CHILD_NOT_IN_ESIA',
      message:
        'В учётной записи родителя на Госуслугах нет этого ребёнка (или его ФИО и дата рождения там другие). Добавьте ребёнка в раздел «Дети» на Госуслугах.',
      guardianId: guardian.id,
    });
    return problems;
  }
  for (const field of esiaMismatches(child, kid)) {
    problems.push({
      code: 'CHILD_ESIA_MISMATCH',
      message: `В карточке ребёнка ${FIELD_LABEL[field]} не совпадает с данными ребёнка в учётной записи родителя на Госуслугах. Сверьте со свидетельством о рождении или паспортом ребёнка.`,
      guardianId: guardian.id,
      field,
    });
  }
  return problems;
}

export function portfolioProblems(
  child: CardFacts & { consented: boolean },
  guardians: readonly GuardianFacts[],
): Problem[] {
  if (!child.consented) {
    // Nothing else about a depersonalized child is told (its guardians, its card's gaps): consent comes first.
    return [
      {
        code: 'CHILD_DEPERSONALIZED',
        message:
          'Нет согласия на обработку персональных данных ребёнка: данные обезличены и не передаются. Дайте согласие в кабинете.',
        guardianId: null,
      },
    ];
  }
  const problems: Problem[] = [];
  const childGaps = missing(child);
  if (childGaps.length) {
    problems.push({
      code: 'CHILD_DATA_INCOMPLETE',
      message: `В карточке ребёнка не заполнено: ${childGaps.join(', ')}. Сообщите в школу — секретарь дополнит карточку.`,
      guardianId: null,
    });
  }
  if (guardians.length === 0) {
    problems.push({
      code: 'NO_LINKED_GUARDIAN',
      message:
        'Ребёнок не связан ни с одним родителем (законным представителем). Попросите школу связать вашу карточку с карточкой ребёнка.',
      guardianId: null,
    });
  }
  for (const guardian of guardians) problems.push(...guardianProblems(child, guardian));
  return problems;
}
