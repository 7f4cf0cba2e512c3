/**
 * Check digits of Russian identifiers. Seed 000 lists schools registered with a wrong INN and
 * DOMAIN.md rule 9 asks that a wrong SNILS or INN be refused at the edge.
 */

/** SNILS as stored: eleven digits, no separators. */
export function normalizeSnils(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** `12345678901` → `123-456-789 01`, the way it is printed on the card. */
export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9, 11)}`;
}

/** The control number of a SNILS from its first nine digits (Pension Fund rules). */
export function snilsChecksum(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  let check = sum % 101;
  if (check === 100) check = 0;
  return String(check).padStart(2, '0');
}

export function isValidSnils(input: string): boolean {
  const digits = normalizeSnils(input);
  if (!/^\d{11}$/.test(digits)) return false;
  // Numbers up to 001-001-998 were issued before check digits existed and carry none.
  if (Number(digits.slice(0, 9)) <= 1001998) return true;
  return snilsChecksum(digits.slice(0, 9)) === digits.slice(9);
}

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function innDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, i) => (sum += weight * Number(digits[i])));
  return (sum % 11) % 10;
}

/** INN of an organization (10 digits) or of a person (12 digits), with its check digits. */
export function isValidInn(input: string): boolean {
  const digits = input.trim();
  if (/^\d{10}$/.test(digits)) return innDigit(digits, INN10_WEIGHTS) === Number(digits[9]);
  if (/^\d{12}$/.test(digits)) {
    return (
      innDigit(digits, INN12_WEIGHTS_1) === Number(digits[10]) &&
      innDigit(digits, INN12_WEIGHTS_2) === Number(digits[11])
    );
  }
  return false;
}

/** Completes the first nine digits of an organization INN with its check digit. */
export function innWithCheckDigit(nineDigits: string): string {
  return nineDigits + String(innDigit(nineDigits, INN10_WEIGHTS));
}

/**
 * One way to write a part (series or number) of an identity document, so that the same document typed
 * differently is one document (DOMAIN.md rule 8): `75 00` and `7500`, `iv-ив` and `IV–ИВ`, `№ 123456` and
 * `123456`. Spaces (also non-breaking), the `№` sign and case are not part of a document's identity; the
 * dashes of a birth certificate series (`IV-ИВ`) are all written as a hyphen-minus, and `Ё` as `Е`.
 */
export function normalizeDocumentPart(input: string): string {
  // `№` first: NFKC would spell it `No`.
  return input
    .replace(/№/g, '')
    .normalize('NFKC')
    .toUpperCase()
    .replaceAll('Ё', 'Е')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-');
}

export interface IdentityDocumentKey {
  series: string | null;
  number: string;
}

/**
 * The identity of a document of `type`, as stored and compared everywhere (uniqueness of cards, login
 * matching, the portfolio's comparison with ESIA, admissions). A Russian passport given as one run of ten
 * digits (`7500 123456` in the number field, series empty) is split into its series (4) and number (6).
 */
export function normalizeIdentityDocument(
  type: string | null | undefined,
  series: string | null | undefined,
  number: string,
): IdentityDocumentKey {
  let cleanSeries = series ? normalizeDocumentPart(series) : '';
  let cleanNumber = normalizeDocumentPart(number);
  if (type === 'RF_PASSPORT' && cleanSeries === '' && /^\d{10}$/.test(cleanNumber)) {
    cleanSeries = cleanNumber.slice(0, 4);
    cleanNumber = cleanNumber.slice(4);
  }
  return { series: cleanSeries === '' ? null : cleanSeries, number: cleanNumber };
}

/** Are two writings of a document the same document? */
export function sameIdentityDocument(
  a: { type: string | null | undefined; series: string | null | undefined; number: string | null | undefined },
  b: { type: string | null | undefined; series: string | null | undefined; number: string | null | undefined },
): boolean {
  if (!a.number || !b.number || (a.type ?? null) !== (b.type ?? null)) return false;
  const left = normalizeIdentityDocument(a.type, a.series, a.number);
  const right = normalizeIdentityDocument(b.type, b.series, b.number);
  return left.series === right.series && left.number === right.number;
}
