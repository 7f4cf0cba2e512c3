import { regionToday } from '@region/kit';
import { PROGRAMME_DIRECTION_NAMES } from '@region/schema';
import type { ProgrammeGroupResolvers, ProgrammeResolvers } from '../../../generated/resolvers.ts';

export const Programme = {
  __resolveReference: (ref, ctx) => ctx.loaders.programme.load(ref.id),
  organization: (row) => ({ id: row.organizationId }),
  municipality: (row) => ({ id: row.municipalityId }),
  directionName: (row) => PROGRAMME_DIRECTION_NAMES[row.direction],
  groups: (row, _, ctx) => ctx.loaders.groupsOfProgramme.load(row.id),
  // The places of the groups that have not ended by the region's today.
  freePlaces: async (row, _, ctx) => {
    const today = regionToday(ctx.now);
    const open = (await ctx.loaders.groupsOfProgramme.load(row.id)).filter((group) => group.endsOn >= today);
    const places = await Promise.all(open.map((group) => ctx.loaders.groupFreePlaces.load(group.id)));
    return places.reduce((sum, row) => sum + (row?.freePlaces ?? 0), 0);
  },
} satisfies ProgrammeResolvers;

export const ProgrammeGroup = {
  __resolveReference: (ref, ctx) => ctx.loaders.group.load(ref.id),
  programme: async (row, _, ctx) => (await ctx.loaders.programme.load(row.programmeId))!,
  // Staff names are shown on the labour-relations basis, but only to those who manage the group's programme:
  // the public catalogue names no person (issue 11).
  teacher: async (row, _, ctx) => {
    if (!row.teacherId) return null;
    const programme = await ctx.loaders.programme.load(row.programmeId);
    return programme && ctx.policy.manages(programme.organizationId) ? { id: row.teacherId } : null;
  },
  freePlaces: async (row, _, ctx) => (await ctx.loaders.groupFreePlaces.load(row.id))?.freePlaces ?? 0,
} satisfies ProgrammeGroupResolvers;
