/**
 * The report builder's row scope and its suppression exemption (issue 12): each `reports:read` grant reaches
 * its territory, and small cells are shown only when one `pii:read` grant covers each unit of the report.
 */
import { describe, expect, it } from 'vitest';
import type { Grant } from '@region/schema';
import type { Principal } from '@region/kit';
import { AnalyticsPolicy } from '../src/policy.ts';

const person = (...grants: Grant[]): Principal => ({ kind: 'PERSON', personId: 'me', grants });
const analyst: Grant = { role: 'MINISTRY_ANALYST', territory: { kind: 'REGION' } };
const operator: Grant = { role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } };
const coordinatorOf1: Grant = {
  role: 'MUNICIPAL_COORDINATOR',
  territory: { kind: 'MUNICIPALITY', municipalityId: 'm-1', organizationIds: ['school-1'] },
};
const adminOf2: Grant = { role: 'ORG_ADMIN', territory: { kind: 'ORGANIZATION', organizationId: 'school-2' } };
const teacher: Grant = { role: 'TEACHER', territory: { kind: 'CLASS', organizationId: 'school-1', classId: '5a' } };

describe('AnalyticsPolicy', () => {
  it('reaches the region, a municipality and its schools, or one organization', () => {
    expect(new AnalyticsPolicy(person(analyst)).reaches({ kind: 'MUNICIPALITY', municipalityId: 'm-9' })).toBe(true);
    const coordinator = new AnalyticsPolicy(person(coordinatorOf1));
    expect(coordinator.reaches({ kind: 'MUNICIPALITY', municipalityId: 'm-1' })).toBe(true);
    expect(coordinator.reaches({ kind: 'MUNICIPALITY', municipalityId: 'm-2' })).toBe(false);
    expect(coordinator.reaches({ kind: 'ORGANIZATION', organizationId: 'school-7', municipalityId: 'm-1' })).toBe(true);
    expect(coordinator.reaches({ kind: 'ORGANIZATION', organizationId: 'school-2', municipalityId: 'm-2' })).toBe(
      false,
    );
    const admin = new AnalyticsPolicy(person(adminOf2));
    expect(admin.reaches({ kind: 'ORGANIZATION', organizationId: 'school-2', municipalityId: 'm-2' })).toBe(true);
    expect(admin.reaches({ kind: 'MUNICIPALITY', municipalityId: 'm-2' })).toBe(false);
    expect(new AnalyticsPolicy(person(teacher)).reportScope()).toEqual({
      region: false,
      municipalityIds: [],
      organizationIds: [],
    });
  });

  it('exempts from suppression only pii:read over every unit, never the analyst or the self rule', () => {
    const region = [{ kind: 'REGION' as const }];
    const m1 = [{ kind: 'MUNICIPALITY' as const, municipalityId: 'm-1' }];
    expect(new AnalyticsPolicy(person(analyst)).readsPersonalDataOfAll(m1)).toBe(false);
    expect(new AnalyticsPolicy(person(operator)).readsPersonalDataOfAll(region)).toBe(true);
    const coordinator = new AnalyticsPolicy(person(coordinatorOf1));
    expect(coordinator.readsPersonalDataOfAll(m1)).toBe(true);
    expect(coordinator.readsPersonalDataOfAll(region)).toBe(false);
    expect(coordinator.readsPersonalDataOfAll([...m1, { kind: 'MUNICIPALITY', municipalityId: 'm-2' }])).toBe(false);
    // Two grants never add up to one unit, but each may cover a unit of its own.
    const both = new AnalyticsPolicy(person(coordinatorOf1, adminOf2));
    expect(
      both.readsPersonalDataOfAll([...m1, { kind: 'ORGANIZATION', organizationId: 'school-2', municipalityId: 'm-2' }]),
    ).toBe(true);
    expect(both.readsPersonalDataOfAll(region)).toBe(false);
    expect(new AnalyticsPolicy(person()).readsPersonalDataOfAll([])).toBe(false);
  });
});
