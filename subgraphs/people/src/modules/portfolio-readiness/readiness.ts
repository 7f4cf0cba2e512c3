/**
 * The ЕПГУ school portfolio is shown only when (DOMAIN.md rule 12, seed 001): the child's data is in the
 * parent's cabinet; child and parent full name, birth date and identity document are in the system; they
 * match ESIA; parent and child are linked. This names, per child, each condition that fails.
 */

export interface CardFacts {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  documentNumber: string | null;
}

export interface GuardianFacts extends CardFacts {
  id: string;
  /** The guardian's ESIA account is linked to their record (their data was matched with ESIA). */
  esiaLinked: boolean;
}

export type ProblemCode =
  | 'NO_LINKED_GUARDIAN'
  | 'CHILD_DATA_INCOMPLETE'
  | 'GUARDIAN_DATA_INCOMPLETE'
  | 'GUARDIAN_NOT_IN_ESIA'
  | 'CHILD_DEPERSONALIZED';

export interface Problem {
  code: ProblemCode;
  message: string;
  guardianId: string | null;
}

function missing(card: CardFacts): string[] {
  const gaps: string[] = [];
  if (!card.lastName.trim() || !card.firstName.trim()) gaps.push('ФИО');
  if (!card.birthDate) gaps.push('дата рождения');
  if (!card.documentNumber?.trim()) gaps.push('документ, удостоверяющий личность');
  return gaps;
}

export function portfolioProblems(
  child: CardFacts & { consented: boolean },
  guardians: readonly GuardianFacts[],
): Problem[] {
  const problems: Problem[] = [];
  if (!child.consented) {
    problems.push({
      code: 'CHILD_DEPERSONALIZED',
      message:
        'Нет согласия на обработку персональных данных ребёнка: данные обезличены и не передаются. Дайте согласие в кабинете.',
      guardianId: null,
    });
  }
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
  for (const guardian of guardians) {
    const gaps = missing(guardian);
    if (gaps.length) {
      problems.push({
        code: 'GUARDIAN_DATA_INCOMPLETE',
        message: `В карточке родителя не заполнено: ${gaps.join(', ')}. Без этого сведения о ребёнке не сопоставить с Госуслугами.`,
        guardianId: guardian.id,
      });
    }
    if (!guardian.esiaLinked) {
      problems.push({
        code: 'GUARDIAN_NOT_IN_ESIA',
        message:
          'Родитель ещё не входил в систему через Госуслуги: его учётная запись не сопоставлена с карточкой. Войдите один раз через Госуслуги.',
        guardianId: guardian.id,
      });
    }
  }
  return problems;
}
