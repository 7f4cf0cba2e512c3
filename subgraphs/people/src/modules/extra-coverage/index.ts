/**
 * People's part of extra-education coverage (DOMAIN.md rule 21): the children of 5 to 18 of an area on a date
 * (their count for the client, their ids — `@inaccessible` — for extra-education's `@requires`, which counts the
 * enrolled among them), and the area's «Участник ПФДО» organizations. The entity originates in extra-education
 * (`extraCoverage`); people resolves it by its key and refuses, as extra-education does, a principal without
 * `aggregate:read` over the whole area — the same rule (`holdsOverArea`) on both sides.
 */
import {
  coverageAreaOfReference,
  forbidden,
  holdsOverArea,
  isCoverageAreaId,
  loadTypeDefs,
  type CoverageArea,
  type SubgraphModule,
} from '@region/kit';
import DataLoader from 'dataloader';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { childrenOfArea, pfdoParticipantsOf } from './repository.ts';
import type { Database } from '@region/db';

const keyOf = (area: CoverageArea) => `${area.area}/${area.areaId}/${area.on}`;

export function createExtraCoverageLoaders(db: Database) {
  return {
    childrenOfArea: new DataLoader<CoverageArea, string[], string>(
      (areas) => Promise.all(areas.map((area) => childrenOfArea(db, area))),
      { cacheKeyFn: keyOf },
    ),
  };
}

export const extraCoverageModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    ExtraCoverage: {
      __resolveReference: (ref, ctx) => {
        const area = coverageAreaOfReference(ref);
        if (!isCoverageAreaId(area)) return null;
        if (!holdsOverArea(ctx.policy, 'aggregate:read', area))
          throw forbidden('Охват доступен координаторам своей территории, региональному оператору и министерству.');
        return area;
      },
      children: async (area, _, ctx) => (await ctx.loaders.childrenOfArea.load(area)).length,
      childIds: (area, _, ctx) => ctx.loaders.childrenOfArea.load(area),
      pfdoParticipants: (area, _, ctx) => pfdoParticipantsOf(ctx.db, area),
    },
  } satisfies Resolvers,
};
