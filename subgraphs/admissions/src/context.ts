import type { SubgraphContext } from '@region/kit';
import type { createApplicationLoaders } from './modules/applications/index.ts';
import type { ConsentLookup } from './people-consents.ts';
import type { AdmissionsPolicy } from './policy.ts';

export interface AdmissionsContext extends SubgraphContext<
  AdmissionsPolicy,
  ReturnType<typeof createApplicationLoaders>
> {
  /** Which of these persons consent to processing now, asked of people on the caller's behalf. */
  consentsOf: ConsentLookup;
}
