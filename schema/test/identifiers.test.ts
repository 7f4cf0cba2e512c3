import { describe, expect, it } from 'vitest';
import { formatSnils, innWithCheckDigit, isValidInn, isValidSnils, snilsChecksum } from '../src/identifiers.ts';

describe('SNILS check digits', () => {
  it('accepts a SNILS whose control number matches', () => {
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('11223344595')).toBe(true);
  });

  it('refuses a SNILS with a wrong control number', () => {
    expect(isValidSnils('112-233-445 96')).toBe(false);
  });

  it('refuses malformed input', () => {
    expect(isValidSnils('112-233-445')).toBe(false);
    expect(isValidSnils('abc-def-ghi jk')).toBe(false);
  });

  it('folds a weighted sum of 100 or 101 to the control number 00', () => {
    expect(snilsChecksum('001002999')).toBe('69');
    let found: string | undefined;
    for (let n = 1_002_000; n < 1_200_000 && !found; n++) {
      const nine = String(n).padStart(9, '0');
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
      if (sum === 101) found = nine;
    }
    expect(found).toBeDefined();
    expect(snilsChecksum(found!)).toBe('00');
    expect(isValidSnils(`${found}00`)).toBe(true);
    expect(isValidSnils(`${found}01`)).toBe(false);
  });

  it('prints SNILS the way the card shows it', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
  });
});

describe('INN check digits', () => {
  it('accepts a valid organization INN and refuses a changed last digit', () => {
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
  });

  it('accepts a valid personal INN and refuses a wrong one', () => {
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('500100732250')).toBe(false);
  });

  it('completes nine digits with the check digit', () => {
    expect(innWithCheckDigit('770708389')).toBe('7707083893');
  });

  it('refuses wrong lengths and letters', () => {
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838a3')).toBe(false);
  });
});
