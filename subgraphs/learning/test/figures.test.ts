import { describe, expect, it } from 'vitest';
import { attendedPercent, classAverage, change, weightedAverage } from '../src/modules/portfolio/figures.ts';

describe('portfolio figures', () => {
  it('weights each mark: 5 (weight 2) and 3 (weight 1) average 4.33', () => {
    expect(weightedAverage({ weighted: 5 * 2 + 3 * 1, weights: 3 })).toBe(4.33);
  });

  it('has no average without marks', () => {
    expect(weightedAverage(undefined)).toBeNull();
    expect(weightedAverage({ weighted: 0, weights: 0 })).toBeNull();
  });

  it('averages the students, not the marks, for the class', () => {
    // One student with many fives and one with a single three: the class average is 4, not 4.9.
    expect(classAverage([5, 3, null])).toBe(4);
    expect(classAverage([null])).toBeNull();
  });

  it('reports the change between periods', () => {
    expect(change(4.5, 4.25)).toBe(0.25);
    expect(change(4.5, null)).toBeNull();
  });

  it('counts lateness as attendance', () => {
    expect(attendedPercent({ lessons: 40, absent: 1, sick: 2, excused: 1, late: 3 })).toBe(90);
    expect(attendedPercent({ lessons: 0, absent: 0, sick: 0, excused: 0, late: 0 })).toBeNull();
  });
});
