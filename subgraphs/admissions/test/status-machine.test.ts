import { describe, expect, it } from 'vitest';
import {
  canMove,
  decisionsFrom,
  reasonRequired,
  STATUSES,
  transitionError,
} from '../src/modules/applications/status-machine.ts';

describe('application status machine', () => {
  it('follows the path submitted → review → accepted → directed → enrolled', () => {
    expect(canMove('SUBMITTED', 'UNDER_REVIEW')).toBe(true);
    expect(canMove('UNDER_REVIEW', 'DOCUMENTS_REQUESTED')).toBe(true);
    expect(canMove('DOCUMENTS_REQUESTED', 'ACCEPTED')).toBe(true);
    expect(canMove('ACCEPTED', 'DIRECTED')).toBe(true);
    expect(canMove('DIRECTED', 'ENROLLED')).toBe(true);
  });

  it('refuses skipping steps and leaving a final status, saying what is possible', () => {
    expect(canMove('SUBMITTED', 'DIRECTED')).toBe(false);
    expect(transitionError('SUBMITTED', 'ENROLLED')).toMatch(/нельзя перейти в «Зачислен».*«На рассмотрении»/);
    for (const status of STATUSES) expect(canMove('ENROLLED', status)).toBe(false);
    expect(transitionError('REJECTED', 'UNDER_REVIEW')).toMatch(/окончательном/);
  });

  it('lets the applicant withdraw until the end, and needs a reason for a refusal', () => {
    for (const status of ['SUBMITTED', 'UNDER_REVIEW', 'DOCUMENTS_REQUESTED', 'ACCEPTED', 'DIRECTED'] as const) {
      expect(canMove(status, 'WITHDRAWN')).toBe(true);
    }
    expect(reasonRequired('REJECTED')).toBe(true);
    expect(reasonRequired('ACCEPTED')).toBe(false);
  });

  it("offers the administration every next status but the applicant's withdrawal, and none from a final one", () => {
    expect(decisionsFrom('SUBMITTED')).toEqual(['UNDER_REVIEW', 'REJECTED']);
    expect(decisionsFrom('DIRECTED')).toEqual(['ENROLLED', 'REJECTED']);
    for (const status of STATUSES) {
      expect(decisionsFrom(status)).not.toContain('WITHDRAWN');
      for (const next of decisionsFrom(status)) expect(canMove(status, next)).toBe(true);
    }
    expect(decisionsFrom('ENROLLED')).toEqual([]);
  });
});
