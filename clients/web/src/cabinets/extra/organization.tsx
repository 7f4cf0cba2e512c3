/**
 * Which extra-education organization the admin works in: the organizations of their ORG_ADMIN grants on
 * EXTRA_EDUCATION organizations, the one chosen last first. Every page asks the API with its id; the API
 * decides what the grant reaches.
 */
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { isExtraEducationAdmin, useMe } from '../../me.tsx';

export interface ExtraOrganization {
  id: string;
  shortName: string;
}

const LAST_KEY = 'region.extra.organization';

/**
 * Where the programme pages live and for which organizations: the centre's own cabinet (`/extra`, its
 * EXTRA_EDUCATION grants) by default; a school's cabinet mounts the same pages for its own programmes
 * (`/school/extra/<organizationId>`, issue 11: «a school's admin manages the school's own programmes the same way»).
 */
interface ExtraScopeValue {
  base: string;
  organizations: ExtraOrganization[];
}

const ExtraScopeContext = createContext<ExtraScopeValue | null>(null);

export function ExtraScope({ base, organizations, children }: ExtraScopeValue & { children: ReactNode }) {
  return <ExtraScopeContext.Provider value={{ base, organizations }}>{children}</ExtraScopeContext.Provider>;
}

/** The root of the programme pages: `/extra`, or a school's `/school/extra/<organizationId>`. */
export function useExtraBase(): string {
  return useContext(ExtraScopeContext)?.base ?? '/extra';
}

export function useExtraOrganizations(): ExtraOrganization[] {
  const scope = useContext(ExtraScopeContext);
  const me = useMe();
  if (scope) return scope.organizations;
  const seen = new Map<string, ExtraOrganization>();
  for (const grant of me.grants) {
    if (isExtraEducationAdmin(grant) && grant.organization) seen.set(grant.organization.id, grant.organization);
  }
  return [...seen.values()];
}

/** The current organization and a picker (shown only when there are several). */
export function useExtraOrganization(): {
  organization: ExtraOrganization | undefined;
  picker: React.ReactNode;
} {
  const organizations = useExtraOrganizations();
  const [chosen, setChosen] = useState(() => sessionStorage.getItem(LAST_KEY));
  const id = useId();
  const organization = organizations.find((candidate) => candidate.id === chosen) ?? organizations[0];
  const picker =
    organizations.length < 2 || !organization ? null : (
      <div className="field">
        <label htmlFor={id}>Организация</label>
        <select
          id={id}
          value={organization.id}
          onChange={(event) => {
            sessionStorage.setItem(LAST_KEY, event.target.value);
            setChosen(event.target.value);
          }}
        >
          {organizations.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.shortName}
            </option>
          ))}
        </select>
      </div>
    );
  return { organization, picker };
}
