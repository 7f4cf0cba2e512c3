import type { OrganizationResolvers } from '../../../generated/resolvers.ts';

export const Organization = {
  __resolveReference: (ref) => ({ id: ref.id }),
  programmes: (row, _, ctx) => ctx.loaders.publishedOfOrganization.load(row.id),
} satisfies OrganizationResolvers;
