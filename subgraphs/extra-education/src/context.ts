import type { SubgraphContext } from '@region/kit';
import type { createCatalogueLoaders } from './modules/catalogue/loaders.ts';
import type { BirthDateLookup } from './modules/enrolment/people-persons.ts';
import type { OrganizationLookup } from './people-organizations.ts';
import type { ExtraEducationPolicy } from './policy.ts';

export interface ExtraEducationContext extends SubgraphContext<
  ExtraEducationPolicy,
  ReturnType<typeof createCatalogueLoaders>
> {
  /** An organization as people's registry knows it, asked on the caller's behalf. */
  organizationOf: OrganizationLookup;
  /** A person's birth date as people gives it to the caller (enrolment: age rules). */
  birthDateOf: BirthDateLookup;
}
