/** Whose territory the cabinet shows: the whole region, or the municipalities of a coordinator's grants. */
import { grantsFor, useMe } from '../../me.tsx';

export interface TerritoryScope {
  /** The regional operator or the ministry: every municipality, with a municipality filter. */
  regional: boolean;
  /** Only the ministry's analyst role: aggregates, never applications or persons (DOMAIN.md roles). */
  aggregatesOnly: boolean;
  /** A coordinator's municipalities (usually one); empty for the regional roles. */
  municipalities: { id: string; name: string }[];
  /** How the page names the territory: «Копейский городской округ» or «Весь регион». */
  title: string;
}

export function useTerritoryScope(): TerritoryScope {
  const me = useMe();
  const grants = grantsFor(me.grants, 'territory');
  const regional = grants.some((grant) => grant.territory === 'REGION');
  const municipalities = regional ? [] : grants.flatMap((grant) => (grant.municipality ? [grant.municipality] : []));
  return {
    regional,
    aggregatesOnly: grants.every((grant) => grant.role === 'MINISTRY_ANALYST'),
    municipalities,
    title: regional ? 'Весь регион' : municipalities.map((municipality) => municipality.name).join(', '),
  };
}

/**
 * The municipality a page filters by: the one chosen, else (for a coordinator) their first one — a
 * coordinator never sees another municipality's list. Null for the whole region.
 */
export function municipalityFilter(scope: TerritoryScope, chosen: string | null): string | null {
  if (scope.regional) return chosen || null;
  const own = scope.municipalities.find((municipality) => municipality.id === chosen);
  return (own ?? scope.municipalities[0])?.id ?? null;
}
