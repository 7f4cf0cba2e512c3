import { describe, expect, it } from 'vitest';
import { portfolioProblems } from '../src/modules/portfolio-readiness/readiness.ts';

const child = {
  lastName: 'Иванов',
  firstName: 'Пётр',
  birthDate: '2014-02-03',
  documentNumber: '123456',
  consented: true,
};
const guardian = {
  id: 'g1',
  lastName: 'Иванова',
  firstName: 'Анна',
  birthDate: '1985-05-06',
  documentNumber: '654321',
  esiaLinked: true,
};

describe('ЕПГУ portfolio readiness (rule 12)', () => {
  it('is ready when every condition holds', () => {
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

  it('names a guardian who never logged in through ESIA, and a depersonalized child', () => {
    const problems = portfolioProblems({ ...child, consented: false }, [{ ...guardian, esiaLinked: false }]);
    expect(problems.map((p) => p.code)).toEqual(['CHILD_DEPERSONALIZED', 'GUARDIAN_NOT_IN_ESIA']);
  });
});
