/**
 * Row scope of the report builder (issue 12): the ministry analyst and the regional operator the region, a
 * municipal coordinator their municipality, an organization admin their organization — each through a
 * `reports:read` grant, judged alone (`PolicyBase`, rule 5a): the report's rows are the union of what each
 * grant reaches. Whether small cells are shown follows `pii:read` over every row of the report.
 */
import { PolicyBase, assertNever } from '@region/kit';
import type { Grant } from '@region/schema';

/** A part of the region a report's rows lie in. */
export type ScopeUnit =
  | { kind: 'REGION' }
  | { kind: 'MUNICIPALITY'; municipalityId: string }
  | { kind: 'ORGANIZATION'; organizationId: string; municipalityId: string | null };

/** Where the report's rows may come from: the region, or these municipalities and organizations. */
export interface ReportScope {
  region: boolean;
  municipalityIds: string[];
  organizationIds: string[];
}

export class AnalyticsPolicy extends PolicyBase {
  /** The territory of the principal's `reports:read` grants. */
  reportScope(): ReportScope {
    const scope: ReportScope = { region: false, municipalityIds: [], organizationIds: [] };
    for (const grant of this.grantsWith('reports:read')) {
      const t = grant.territory;
      switch (t.kind) {
        case 'REGION':
          scope.region = true;
          break;
        case 'MUNICIPALITY':
          scope.municipalityIds.push(t.municipalityId);
          break;
        case 'ORGANIZATION':
          scope.organizationIds.push(t.organizationId);
          break;
        case 'CLASS':
        case 'CHILDREN':
        case 'SELF':
          break;
        default:
          assertNever(t);
      }
    }
    return scope;
  }

  /** Does a `reports:read` grant reach this municipality, or this organization (of that municipality)? */
  reaches(unit: ScopeUnit): boolean {
    const scope = this.reportScope();
    if (scope.region) return true;
    switch (unit.kind) {
      case 'REGION':
        return false;
      case 'MUNICIPALITY':
        return scope.municipalityIds.includes(unit.municipalityId);
      case 'ORGANIZATION':
        return (
          scope.organizationIds.includes(unit.organizationId) ||
          (unit.municipalityId !== null && scope.municipalityIds.includes(unit.municipalityId))
        );
      default:
        return assertNever(unit);
    }
  }

  /**
   * May the principal read the personal data of every person of these units (`pii:read` over each, one grant
   * judged alone per unit)? Then small cells need no suppression: nothing they show is hidden from them.
   */
  readsPersonalDataOfAll(units: readonly ScopeUnit[]): boolean {
    const grants = this.grantsWith('pii:read');
    const covers = (grant: Grant, unit: ScopeUnit): boolean => {
      const t = grant.territory;
      if (t.kind === 'REGION') return true;
      if (unit.kind === 'MUNICIPALITY') return t.kind === 'MUNICIPALITY' && t.municipalityId === unit.municipalityId;
      if (unit.kind === 'ORGANIZATION')
        return (
          (t.kind === 'ORGANIZATION' && t.organizationId === unit.organizationId) ||
          (t.kind === 'MUNICIPALITY' &&
            (t.municipalityId === unit.municipalityId || t.organizationIds.includes(unit.organizationId)))
        );
      return false;
    };
    return units.length > 0 && units.every((unit) => grants.some((grant) => covers(grant, unit)));
  }
}
