import type { SubgraphContext } from '@region/kit';
import type { createCatalogueLoaders } from './modules/catalogue/loaders.ts';
import type { createCoverageLoaders } from './modules/coverage/loaders.ts';
import type { OrganizationLookup } from './people-organizations.ts';
import type { ExtraEducationPolicy } from './policy.ts';

export interface ExtraEducationContext extends SubgraphContext<
  ExtraEducationPolicy,
  ReturnType<typeof createCatalogueLoaders> & ReturnType<typeof createCoverageLoaders>
> {
  /** An organization as people's registry knows it, asked on the caller's behalf. */
  organizationOf: OrganizationLookup;
}
