import { coverageAreaOfReference, pageSize } from '@region/kit';
import { PROGRAMME_DIRECTION_NAMES, PROGRAMME_DIRECTIONS } from '@region/schema/enums';
import type { ExtraCoverageResolvers } from '../../../generated/resolvers.ts';
import { coverageFor, type CoverageRef } from '../service.ts';
import { idleProgrammesOf } from '../repository.ts';

const childrenOf = (ref: CoverageRef) => ref.childIds ?? [];
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

export const ExtraCoverage = {
  // The planner brings the area's children from people; the area is checked again, as every entry point does.
  __resolveReference: (ref, ctx) => ({
    ...coverageFor(ctx, coverageAreaOfReference(ref)),
    childIds: 'childIds' in ref ? (ref.childIds ?? null) : null,
  }),
  municipality: (ref) => (ref.area === 'MUNICIPALITY' ? { id: ref.areaId } : null),
  organization: (ref) => (ref.area === 'ORGANIZATION' ? { id: ref.areaId } : null),
  enrolled: async (ref, _, ctx) => (await ctx.loaders.coverageEnrolment.load(ref)).enrolled,
  enrolledPercent: async (ref, _, ctx) =>
    percent((await ctx.loaders.coverageEnrolment.load(ref)).enrolled, childrenOf(ref).length),
  byDirection: async (ref, _, ctx) => {
    const [enrolment, programmes] = await Promise.all([
      ctx.loaders.coverageEnrolment.load(ref),
      ctx.loaders.coverageProgrammes.load(ref),
    ]);
    return PROGRAMME_DIRECTIONS.map((direction) => {
      const enrolled = enrolment.byDirection.get(direction) ?? 0;
      const offered = programmes.byDirection.get(direction);
      return {
        direction,
        directionName: PROGRAMME_DIRECTION_NAMES[direction],
        enrolled,
        enrolledPercent: percent(enrolled, childrenOf(ref).length),
        programmes: offered?.programmes ?? 0,
        programmesWithoutEnrolment: offered?.withoutEnrolment ?? 0,
      };
    });
  },
  certificates: (ref, _, ctx) => ctx.loaders.coverageCertificates.load(ref),
  programmes: async (ref, _, ctx) => (await ctx.loaders.coverageProgrammes.load(ref)).programmes,
  programmesWithoutEnrolment: async (ref, _, ctx) => (await ctx.loaders.coverageProgrammes.load(ref)).withoutEnrolment,
  idleProgrammes: (ref, args, ctx) => idleProgrammesOf(ctx.db, ref, pageSize(args.first)),
} satisfies ExtraCoverageResolvers;
