/**
 * Who may read coverage (DOMAIN.md rule 21): the monitoring scope `aggregate:read`, as the admissions campaign
 * and the data-completeness figures — the regional operator and the ministry over the region, a municipal
 * coordinator over their municipality and its organizations. An organization's admin does not hold it. The
 * figures are counts: no person row is ever returned (the children's ids stay between the subgraphs).
 */
import {
  badInput,
  forbidden,
  holdsOverArea,
  isCoverageAreaId,
  regionToday,
  type CoverageArea,
  type CoverageAreaKind,
} from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';

/** The coverage entity as the resolvers pass it: the key, and the area's children once people gave them. */
export interface CoverageRef extends CoverageArea {
  childIds?: readonly string[] | null;
}

const REFUSALS: Readonly<Record<CoverageAreaKind, string>> = {
  REGION: 'Охват по региону доступен региональному оператору и министерству.',
  MUNICIPALITY: 'Охват муниципалитета доступен его координатору, региональному оператору и министерству.',
  ORGANIZATION: 'Охват организации доступен координатору её муниципалитета, региональному оператору и министерству.',
};

/** The area, if the principal holds `aggregate:read` over all of it; `FORBIDDEN` otherwise. */
export function coverageFor(ctx: ExtraEducationContext, area: CoverageArea): CoverageRef {
  if (!isCoverageAreaId(area)) throw badInput(`Неверный идентификатор территории: ${area.areaId}.`, 'areaId');
  if (!holdsOverArea(ctx.policy, 'aggregate:read', area)) throw forbidden(REFUSALS[area.area]);
  return { area: area.area, areaId: area.areaId, on: area.on };
}

export const dateOr = (ctx: ExtraEducationContext, on: string | null | undefined) => on ?? regionToday(ctx.now);
