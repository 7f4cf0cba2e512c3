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
