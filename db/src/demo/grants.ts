/**
 * Role grants hold the official roles only. GUARDIAN and STUDENT are never stored: they follow from
 * guardianships and current enrolments, so they cannot drift from the facts they describe.
 */
import { addDays, randomMoment } from './calendar.ts';
import type { Context } from './context.ts';

export type GrantTerritory =
  | { kind: 'REGION' }
  | { kind: 'MUNICIPALITY'; municipalityId: string }
  | { kind: 'ORGANIZATION'; organizationId: string }
  | { kind: 'CLASS'; organizationId: string; classId: string };

export type OfficialRole =
  'REGIONAL_OPERATOR' | 'MINISTRY_ANALYST' | 'MUNICIPAL_COORDINATOR' | 'ORG_ADMIN' | 'TEACHER' | 'CLASS_TEACHER';

export function grantRole(
  context: Context,
  personId: string,
  role: OfficialRole,
  territory: GrantTerritory,
  grantedBy: string | null,
): void {
  context.rows.roleGrants.push({
    id: context.ids.next(),
    personId,
    role,
    territory: territory.kind,
    municipalityId: territory.kind === 'MUNICIPALITY' ? territory.municipalityId : null,
    organizationId: territory.kind === 'ORGANIZATION' || territory.kind === 'CLASS' ? territory.organizationId : null,
    classId: territory.kind === 'CLASS' ? territory.classId : null,
    grantedBy,
    // Grants are given while the school year is being opened (rule 13).
    grantedAt: randomMoment(context.rng, addDays(context.yearStart, -12), addDays(context.yearStart, 4)),
    withdrawnAt: null,
  });
}
