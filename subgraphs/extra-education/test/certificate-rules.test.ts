/** The pure rules of issuing a certificate (rule 19): the age window and the code's shape. */
import { describe, expect, it } from 'vitest';
import { checkAge, generateCertificateCode } from '../src/modules/certificates/service.ts';

const refusal = (birthDate: string, today: string) => {
  try {
    checkAge(birthDate, today, 'childId');
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('the age window: from the 5th birthday to the day before the 18th', () => {
  it('refuses 4 years 364 days and allows the 5th birthday', () => {
    expect(refusal('2021-11-02', '2026-11-01')).toBe('BAD_USER_INPUT');
    expect(refusal('2021-11-02', '2026-11-02')).toBeNull();
  });
  it('allows the day before the 18th birthday and refuses the birthday', () => {
    expect(refusal('2008-11-02', '2026-11-01')).toBeNull();
    expect(refusal('2008-11-02', '2026-11-02')).toBe('BAD_USER_INPUT');
  });
  it('reaches a birthday on 29 February on 1 March of a common year', () => {
    expect(refusal('2020-02-29', '2025-02-28')).toBe('BAD_USER_INPUT');
    expect(refusal('2020-02-29', '2025-03-01')).toBeNull();
  });
});

describe('the code', () => {
  it('is 10 digits with a non-zero first digit, and draws do not repeat', () => {
    const codes = Array.from({ length: 2000 }, generateCertificateCode);
    expect(codes.every((code) => /^[1-9]\d{9}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
