import { admissionYearOn } from '@region/schema/validation/applications';
import { describe, expect, it } from 'vitest';
import { campaignProblems, defaultCampaign, validateCampaign } from '../../src/modules/deadlines/index.ts';

describe('campaign dates', () => {
  it('follows Order 458 point 17 by default', () => {
    expect(defaultCampaign(2026)).toEqual({
      year: 2026,
      priorityReception: { from: '2026-04-01', to: '2026-06-30' },
      directionNotBefore: '2026-06-30',
      otherReception: { from: '2026-07-06', to: '2026-09-05' },
      enrolmentOrderWorkingDays: 3,
    });
    expect(validateCampaign(defaultCampaign(2026))).toEqual(defaultCampaign(2026));
  });

  it('accepts a region that ends priority reception earlier', () => {
    const c = defaultCampaign(2026);
    expect(
      campaignProblems({
        ...c,
        priorityReception: { from: '2026-04-01', to: '2026-05-08' },
        directionNotBefore: '2026-05-08',
      }),
    ).toEqual([]);
  });

  it('refuses reception that ends before it starts', () => {
    const c = defaultCampaign(2026);
    expect(() => validateCampaign({ ...c, priorityReception: { from: '2026-07-01', to: '2026-06-30' } })).toThrow(
      /заканчивается раньше, чем начинается/,
    );
  });

  it('refuses other reception overlapping priority reception', () => {
    const c = defaultCampaign(2026);
    expect(campaignProblems({ ...c, otherReception: { from: '2026-06-30', to: '2026-09-05' } })).toHaveLength(1);
  });

  it('refuses a direction date outside priority reception', () => {
    const c = defaultCampaign(2026);
    expect(campaignProblems({ ...c, directionNotBefore: '2026-03-31' })).toHaveLength(1);
    expect(campaignProblems({ ...c, directionNotBefore: '2026-07-01' })).toHaveLength(1);
  });

  it('refuses malformed dates, dates of another year and a bad order term', () => {
    const c = defaultCampaign(2026);
    expect(campaignProblems({ ...c, directionNotBefore: '2026-06-31' })[0]).toMatch(/ГГГГ-ММ-ДД/);
    expect(campaignProblems({ ...c, otherReception: { from: '2026-07-06', to: '2027-09-05' } })[0]).toMatch(
      /2026 году/,
    );
    expect(campaignProblems({ ...c, enrolmentOrderWorkingDays: 0 })).toHaveLength(1);
    expect(() => validateCampaign({ ...c, year: 2025 })).toThrow(/Неверные даты приёмной кампании 2025 г\./);
  });

  it('counts a date to the campaign of this September until August, and to the next one from September', () => {
    expect(admissionYearOn('2026-04-01')).toBe(2026);
    expect(admissionYearOn('2026-08-31')).toBe(2026);
    expect(admissionYearOn('2026-09-01')).toBe(2027);
    expect(admissionYearOn('2026-11-25')).toBe(2027);
  });
});
