/** Who holds the extra-education scopes (issue 11): the catalogue is everyone's, the rest follows the roles. */
import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_SCOPES, type Role, type Scope } from '../src/index.ts';

const holders = (scope: Scope): Role[] => ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));

describe('extra-education scopes', () => {
  it('gives the public catalogue to every role', () => {
    expect(holders('catalogue:read')).toEqual([...ROLES]);
  });

  it('gives applying to families, reading to staff and guardians, managing to org admins, funding to the region', () => {
    expect(holders('extra:apply')).toEqual(['GUARDIAN', 'STUDENT']);
    expect(holders('extra:read')).toEqual(['REGIONAL_OPERATOR', 'MUNICIPAL_COORDINATOR', 'ORG_ADMIN', 'GUARDIAN']);
    expect(holders('extra:manage')).toEqual(['ORG_ADMIN']);
    expect(holders('extra:fund')).toEqual(['REGIONAL_OPERATOR']);
    expect(holders('extra:intake')).toEqual(['SERVICE']);
  });

  it('keeps the analyst to aggregates: no extra-education rows', () => {
    expect(ROLE_SCOPES.MINISTRY_ANALYST.filter((scope) => scope.startsWith('extra:'))).toEqual([]);
  });
});
