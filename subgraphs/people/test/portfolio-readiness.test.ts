import { describe, expect, it } from 'vitest';
import { portfolioProblems, type GuardianFacts } from '../src/modules/portfolio-readiness/readiness.ts';

const child = {
  lastName: 'Иванов',
  firstName: 'Пётр',
  middleName: null,
  birthDate: '2014-02-03',
  documentType: 'BIRTH_CERTIFICATE',
  documentSeries: 'IV-ИВ',
  documentNumber: '123456',
  consented: true,
};
const esiaKid = {
  lastName: 'ИВАНОВ',
  firstName: 'Петр',
  middleName: null,
  birthDate: '2014-02-03',
  documentType: 'BIRTH_CERTIFICATE',
  documentSeries: 'iv–ив',
  documentNumber: '123 456',
};
const guardianCard = {
  id: 'g1',
  lastName: 'Иванова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  birthDate: '1985-05-06',
  documentType: 'RF_PASSPORT',
  documentSeries: '7500',
  documentNumber: '654321',
};
const guardian: GuardianFacts = {
  ...guardianCard,
  consented: true,
  esiaLinked: true,
  esia: { ...guardianCard, documentSeries: '75 00', kids: [esiaKid] },
};

describe('ЕПГУ portfolio readiness (rule 12)', () => {
  it('is ready when every condition holds, however ESIA writes the same name and documents', () => {
    expect(portfolioProblems(child, [guardian])).toEqual([]);
  });

  it('names a child without a linked guardian', () => {
    expect(portfolioProblems(child, []).map((p) => p.code)).toEqual(['NO_LINKED_GUARDIAN']);
  });

  it("names the missing fields of the child's and the guardian's cards", () => {
    const problems = portfolioProblems({ ...child, documentNumber: null }, [{ ...guardian, birthDate: null }]);
    expect(problems.map((p) => p.code)).toEqual(['CHILD_DATA_INCOMPLETE', 'GUARDIAN_DATA_INCOMPLETE']);
    expect(problems[0]!.message).toContain('документ');
    expect(problems[1]!.message).toContain('дата рождения');
    expect(problems[1]!.guardianId).toBe('g1');
  });

  it('names a guardian who never logged in through ESIA, and one whose ESIA data was not seen yet', () => {
    const never = portfolioProblems(child, [{ ...guardian, esiaLinked: false, esia: null }]);
    expect(never.map((p) => p.code)).toEqual(['GUARDIAN_NOT_IN_ESIA']);
    const unseen = portfolioProblems(child, [{ ...guardian, esia: null }]);
    expect(unseen.map((p) => p.code)).toEqual(['GUARDIAN_NOT_IN_ESIA']);
    expect(unseen[0]!.message).toContain('ещё раз');
  });

  it('tells a depersonalized child only that consent is missing', () => {
    const problems = portfolioProblems({ ...child, consented: false }, [{ ...guardian, esiaLinked: false }]);
    expect(problems.map((p) => p.code)).toEqual(['CHILD_DEPERSONALIZED']);
  });

  it("names the guardian's field that differs from ESIA, not ESIA's value", () => {
    const problems = portfolioProblems(child, [
      { ...guardian, esia: { ...guardian.esia!, birthDate: '1985-06-05', documentNumber: '999999' } },
    ]);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['GUARDIAN_ESIA_MISMATCH', 'BIRTH_DATE'],
      ['GUARDIAN_ESIA_MISMATCH', 'IDENTITY_DOCUMENT'],
    ]);
    expect(problems[0]!.message).toContain('дата рождения');
    expect(JSON.stringify(problems)).not.toContain('1985-06-05');
  });

  it("names the child's field that differs from the child in the guardian's ESIA account", () => {
    const kid = { ...esiaKid, documentNumber: '123457' };
    const document = portfolioProblems(child, [{ ...guardian, esia: { ...guardian.esia!, kids: [kid] } }]);
    expect(document.map((p) => [p.code, p.field, p.guardianId])).toEqual([
      ['CHILD_ESIA_MISMATCH', 'IDENTITY_DOCUMENT', 'g1'],
    ]);
    const born = portfolioProblems(child, [
      { ...guardian, esia: { ...guardian.esia!, kids: [{ ...esiaKid, birthDate: '2014-03-02' }] } },
    ]);
    expect(born.map((p) => [p.code, p.field])).toEqual([['CHILD_ESIA_MISMATCH', 'BIRTH_DATE']]);
    const renamed = portfolioProblems(child, [
      { ...guardian, esia: { ...guardian.esia!, kids: [{ ...esiaKid, lastName: 'Сидоров' }] } },
    ]);
    expect(renamed.map((p) => [p.code, p.field])).toEqual([['CHILD_ESIA_MISMATCH', 'FULL_NAME']]);
  });

  it('tells only that a depersonalized guardian withheld consent, nothing of their data', () => {
    const problems = portfolioProblems(child, [
      { ...guardian, consented: false, esia: { ...guardian.esia!, birthDate: '1900-01-01' } },
    ]);
    expect(problems.map((p) => [p.code, p.guardianId])).toEqual([['GUARDIAN_DEPERSONALIZED', 'g1']]);
  });

  it("says so when the guardian's ESIA account does not list the child", () => {
    const problems = portfolioProblems(child, [{ ...guardian, esia: { ...guardian.esia!, kids: [] } }]);
    expect(problems.map((p) => p.code)).toEqual(['CHILD_NOT_IN_ESIA']);
  });
});
