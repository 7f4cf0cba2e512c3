/**
 * The territory an aggregate figure is counted over (extra-education coverage, DOMAIN.md rule 21): the region,
 * a municipality or an organization. Shared by the two subgraphs that compute parts of one figure (people the
 * children of the area, extra-education the enrolled among them), so both refuse the same principals.
 */
import type { Grant, Scope } from '@region/schema';
import { badInput } from './errors.ts';
import type { PolicyBase } from './policy.ts';

export type CoverageAreaKind = 'REGION' | 'MUNICIPALITY' | 'ORGANIZATION';

export interface CoverageArea {
  area: CoverageAreaKind;
  /** The municipality's or organization's id; `REGION` for the region. */
  areaId: string;
  /** The region's date the figure is counted on (`YYYY-MM-DD`). */
  on: string;
}

export const REGION_AREA_ID = 'REGION';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is the area id a well-formed id (a municipality's or organization's uuid), or the region's? */
export const isCoverageAreaId = (area: Pick<CoverageArea, 'area' | 'areaId'>) =>
  area.area === 'REGION' ? area.areaId === REGION_AREA_ID : UUID.test(area.areaId);

/** The area a query names: an organization, else a municipality, else the region; both at once is refused. */
export function coverageAreaOf(args: { municipalityId?: string | null; organizationId?: string | null }, on: string) {
  if (args.municipalityId && args.organizationId)
    throw badInput('Укажите муниципалитет или организацию, но не то и другое вместе.', 'organizationId');
  for (const field of ['municipalityId', 'organizationId'] as const) {
    const value = args[field];
    if (value && !UUID.test(value)) throw badInput(`Неверный идентификатор: ${value}.`, field);
  }
  if (args.organizationId) return { area: 'ORGANIZATION', areaId: args.organizationId, on } satisfies CoverageArea;
  if (args.municipalityId) return { area: 'MUNICIPALITY', areaId: args.municipalityId, on } satisfies CoverageArea;
  return { area: 'REGION', areaId: REGION_AREA_ID, on } satisfies CoverageArea;
}

/**
 * Does one grant carrying `scope` reach the whole area? The region needs a region grant; a municipality its
 * own municipality's grant; an organization a grant of its municipality (by the grant's organization list, as of
 * login) or of itself. Grants never add up (rule 5a).
 */
export function holdsOverArea(policy: PolicyBase, scope: Scope, area: Pick<CoverageArea, 'area' | 'areaId'>): boolean {
  return policy.holdsOver(scope, (grant: Grant) => {
    const t = grant.territory;
    if (t.kind === 'REGION') return true;
    if (area.area === 'MUNICIPALITY') return t.kind === 'MUNICIPALITY' && t.municipalityId === area.areaId;
    if (area.area === 'ORGANIZATION')
      return (
        (t.kind === 'MUNICIPALITY' && t.organizationIds.includes(area.areaId)) ||
        (t.kind === 'ORGANIZATION' && t.organizationId === area.areaId)
      );
    return false;
  });
}

/** The area of an entity reference: its key as the query planner sends it (the date is a `YYYY-MM-DD` string). */
export function coverageAreaOfReference(ref: {
  area: CoverageAreaKind;
  areaId: string;
  on: string | Date;
}): CoverageArea {
  const on = typeof ref.on === 'string' ? ref.on : ref.on.toISOString().slice(0, 10);
  return { area: ref.area, areaId: ref.areaId, on };
}
