/** ГИР ВУ's pure rules (issue 12, DOMAIN.md rules 14 and 22): the cohort of a year and the problems of a card. */
import { describe, expect, it } from 'vitest';
import { ageOn, regionDate } from '@region/kit';
import { cohortOf, gradeOf, problemsOf, type LearnerFacts } from '../src/modules/military-registration/rules.ts';

const complete: LearnerFacts = {
  snils: '11223344595',
  sex: 'MALE',
  citizenship: 'RUS',
  placeOfBirth: 'г. Челябинск',
  registrationAddress: 'г. Челябинск, ул. Ленина, 1',
  documentType: 'RF_PASSPORT',
  documentSeries: '7512',
  documentNumber: '359076',
  documentIssuedOn: '2023-05-10',
  className: '11А',
};

describe('the cohort', () => {
  it("is the region's calendar year: 23:30 on 31 December is that year, 00:30 on 1 January the next", () => {
    expect(cohortOf(regionDate(new Date('2026-12-31T18:30:00Z')))).toEqual({
      year: 2026,
      birthYear: 2009,
      bornFrom: '2009-01-01',
      bornTo: '2009-12-31',
    });
    expect(cohortOf(regionDate(new Date('2026-12-31T19:30:00Z'))).birthYear).toBe(2010);
  });

  it('holds exactly those who are 17 on 31 December, a 29 February birthday included', () => {
    const { bornFrom, bornTo } = cohortOf('2025-06-01');
    for (const birthDate of [bornFrom, bornTo, '2008-02-29']) expect(ageOn(birthDate, '2025-12-31')).toBe(17);
    expect(bornFrom).toBe('2008-01-01');
    expect(ageOn('2007-12-31', '2025-12-31')).toBe(18);
    expect(ageOn('2009-01-01', '2025-12-31')).toBe(16);
  });
});

describe('the problems of a card', () => {
  it('finds none in a complete card', () => {
    expect(problemsOf(complete)).toEqual([]);
  });

  it('tells a missing SNILS from a wrong check number (the card validation of people)', () => {
    expect(problemsOf({ ...complete, snils: null })).toEqual(['SNILS_MISSING']);
    expect(problemsOf({ ...complete, snils: ' ' })).toEqual(['SNILS_MISSING']);
    expect(problemsOf({ ...complete, snils: '11223344596' })).toEqual(['SNILS_INVALID']);
    expect(problemsOf({ ...complete, snils: '112233445' })).toEqual(['SNILS_INVALID']);
  });

  it('wants a passport of the RF with its series, number and date', () => {
    expect(problemsOf({ ...complete, documentType: null, documentNumber: null })).toEqual(['DOCUMENT_MISSING']);
    expect(problemsOf({ ...complete, documentType: 'BIRTH_CERTIFICATE', documentSeries: 'IV-ИВ' })).toEqual([
      'DOCUMENT_NOT_PASSPORT',
    ]);
    expect(problemsOf({ ...complete, documentSeries: null })).toEqual(['DOCUMENT_INVALID']);
    expect(problemsOf({ ...complete, documentNumber: '35907' })).toEqual(['DOCUMENT_INVALID']);
    expect(problemsOf({ ...complete, documentIssuedOn: null })).toEqual(['DOCUMENT_ISSUE_DATE_MISSING']);
  });

  it('names missing sex, citizenship, place of birth, address and class', () => {
    expect(
      problemsOf({
        ...complete,
        sex: null,
        citizenship: '',
        placeOfBirth: null,
        registrationAddress: null,
        className: null,
      }),
    ).toEqual([
      'SEX_MISSING',
      'CITIZENSHIP_MISSING',
      'PLACE_OF_BIRTH_MISSING',
      'REGISTRATION_ADDRESS_MISSING',
      'CLASS_MISSING',
    ]);
  });

  it('reads the grade from the class name', () => {
    expect(gradeOf('11А')).toBe(11);
    expect(gradeOf('10-Б')).toBe(10);
    expect(gradeOf('ТМ-21')).toBeNull();
    expect(gradeOf(null)).toBeNull();
  });
});
