import type { MunicipalityResolvers, OrganizationResolvers } from '../../../generated/resolvers.ts';
import { coverageFor, dateOr } from '../service.ts';

export const Municipality = {
  extraCoverage: (municipality, args, ctx) =>
    coverageFor(ctx, { area: 'MUNICIPALITY', areaId: municipality.id, on: dateOr(ctx, args.on) }),
} satisfies MunicipalityResolvers;

export const Organization = {
  extraCoverage: (organization, args, ctx) =>
    coverageFor(ctx, { area: 'ORGANIZATION', areaId: organization.id, on: dateOr(ctx, args.on) }),
} satisfies OrganizationResolvers;
