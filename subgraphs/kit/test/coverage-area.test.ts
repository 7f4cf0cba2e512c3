/**
 * Who may read an aggregate over an area (extra-education coverage, rule 21): one grant carrying the scope must
 * reach the whole area; grants never add up, and a family grant reaches no area at all.
 */
import { describe, expect, it } from 'vitest';
import type { Grant } from '@region/schema';
import { AppError, PolicyBase, coverageAreaOf, holdsOverArea, isCoverageAreaId, type Principal } from '../src/index.ts';

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const SCHOOL1 = '33333333-3333-4333-8333-333333333333';
const SCHOOL2 = '44444444-4444-4444-8444-444444444444';

const policy = (...grants: Grant[]) => new PolicyBase({ kind: 'PERSON', personId: 'me', grants } satisfies Principal);
const coordinatorOf1: Grant = {
  role: 'MUNICIPAL_COORDINATOR',
  territory: { kind: 'MUNICIPALITY', municipalityId: M1, organizationIds: [SCHOOL1] },
};
const operator: Grant = { role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } };
const analyst: Grant = { role: 'MINISTRY_ANALYST', territory: { kind: 'REGION' } };
const adminOf1: Grant = { role: 'ORG_ADMIN', territory: { kind: 'ORGANIZATION', organizationId: SCHOOL1 } };
const parent: Grant = { role: 'GUARDIAN', territory: { kind: 'CHILDREN', personIds: ['child'] } };

const region = { area: 'REGION' as const, areaId: 'REGION' };
const municipality = (areaId: string) => ({ area: 'MUNICIPALITY' as const, areaId });
const organization = (areaId: string) => ({ area: 'ORGANIZATION' as const, areaId });

describe('holdsOverArea', () => {
  it('lets a coordinator read their municipality and its organizations, nothing else', () => {
    const p = policy(coordinatorOf1);
    expect(holdsOverArea(p, 'aggregate:read', municipality(M1))).toBe(true);
    expect(holdsOverArea(p, 'aggregate:read', organization(SCHOOL1))).toBe(true);
    expect(holdsOverArea(p, 'aggregate:read', municipality(M2))).toBe(false);
    expect(holdsOverArea(p, 'aggregate:read', organization(SCHOOL2))).toBe(false);
    expect(holdsOverArea(p, 'aggregate:read', region)).toBe(false);
  });

  it('lets the operator and the analyst read every area', () => {
    for (const grant of [operator, analyst]) {
      expect(holdsOverArea(policy(grant), 'aggregate:read', region)).toBe(true);
      expect(holdsOverArea(policy(grant), 'aggregate:read', municipality(M2))).toBe(true);
      expect(holdsOverArea(policy(grant), 'aggregate:read', organization(SCHOOL2))).toBe(true);
    }
  });

  it('gives an org admin and a parent no area, even combined with a coordinator’s grant elsewhere', () => {
    expect(holdsOverArea(policy(adminOf1), 'aggregate:read', organization(SCHOOL1))).toBe(false);
    const combined = policy(coordinatorOf1, parent, adminOf1);
    expect(holdsOverArea(combined, 'aggregate:read', municipality(M2))).toBe(false);
    expect(holdsOverArea(combined, 'aggregate:read', region)).toBe(false);
  });
});

describe('coverageAreaOf', () => {
  it('names the organization, else the municipality, else the region', () => {
    expect(coverageAreaOf({ organizationId: SCHOOL1 }, '2026-11-01')).toEqual({
      area: 'ORGANIZATION',
      areaId: SCHOOL1,
      on: '2026-11-01',
    });
    expect(coverageAreaOf({ municipalityId: M1 }, '2026-11-01').area).toBe('MUNICIPALITY');
    expect(coverageAreaOf({}, '2026-11-01')).toEqual({ area: 'REGION', areaId: 'REGION', on: '2026-11-01' });
    expect(isCoverageAreaId({ area: 'REGION', areaId: M1 })).toBe(false);
  });

  it('refuses both at once and a malformed id with BAD_USER_INPUT naming the field', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof AppError ? [error.extensions['code'], error.extensions['field']] : error;
      }
      return 'no error';
    };
    expect(refusal(() => coverageAreaOf({ municipalityId: M1, organizationId: SCHOOL1 }, '2026-11-01'))).toEqual([
      'BAD_USER_INPUT',
      'organizationId',
    ]);
    expect(refusal(() => coverageAreaOf({ municipalityId: 'x' }, '2026-11-01'))).toEqual([
      'BAD_USER_INPUT',
      'municipalityId',
    ]);
  });
});
