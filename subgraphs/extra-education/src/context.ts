import type { SubgraphContext } from '@region/kit';
import type { createCatalogueLoaders } from './modules/catalogue/loaders.ts';
import type { createCertificateLoaders } from './modules/certificates/loaders.ts';
import type { CertificatePeople } from './modules/certificates/people.ts';
import type { createCoverageLoaders } from './modules/coverage/loaders.ts';
import type { createFundingLoaders } from './modules/funding/loaders.ts';
import type { OrganizationLookup } from './people-organizations.ts';
import type { ExtraEducationPolicy } from './policy.ts';

export interface ExtraEducationContext extends SubgraphContext<
  ExtraEducationPolicy,
  ReturnType<typeof createCatalogueLoaders> &
    ReturnType<typeof createCertificateLoaders> &
    ReturnType<typeof createFundingLoaders> &
    ReturnType<typeof createCoverageLoaders>
> {
  /** An organization as people's registry knows it, asked on the caller's behalf. */
  organizationOf: OrganizationLookup;
  /**
   * A child's birth date, consent and municipality, and ЕПГУ's SNILS match, asked of people on the caller's
   * behalf (certificates; enrolment's age rules read the same child).
   */
  people: CertificatePeople;
}
