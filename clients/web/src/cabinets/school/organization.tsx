/**
 * Which organization the admin works in. Addresses are `/school/<section>/<organizationId>/…`, so the
 * cabinet's menu (`/school/<section>`) stays highlighted on every page of a section; a bare section
 * address opens the organization chosen last, or the first of the admin's grants.
 */
import { createContext, useContext, useEffect, useId, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { isExtraEducationAdmin, useMe } from '../../me.tsx';
import { Notice, Page } from '../../ui/kit.tsx';

export interface SchoolOrganization {
  id: string;
  shortName: string;
}

const LAST_KEY = 'region.school.organization';

/** The organizations of the signed-in person's ORG_ADMIN grants, each once. */
export function useAdminOrganizations(): SchoolOrganization[] {
  const me = useMe();
  const seen = new Map<string, SchoolOrganization>();
  for (const grant of me.grants) {
    // A centre of extra education has its own cabinet (`/extra`).
    if (grant.role === 'ORG_ADMIN' && grant.organization && !isExtraEducationAdmin(grant)) {
      seen.set(grant.organization.id, grant.organization);
    }
  }
  return [...seen.values()];
}

function preferredOrganization(organizations: SchoolOrganization[]): SchoolOrganization | undefined {
  const last = sessionStorage.getItem(LAST_KEY);
  return organizations.find((organization) => organization.id === last) ?? organizations[0];
}

const OrganizationContext = createContext<SchoolOrganization | null>(null);

export function useOrganization(): SchoolOrganization {
  const organization = useContext(OrganizationContext);
  if (!organization) throw new Error('useOrganization outside OrganizationGate');
  return organization;
}

/** `/school/<section>/<organizationId>/<rest>` */
export function schoolPath(section: string, organizationId: string, ...rest: string[]): string {
  return ['/school', section, organizationId, ...rest].join('/');
}

/** A person's card, opened from a section (the section's menu item stays highlighted). */
export function personPath(section: string, organizationId: string, personId: string): string {
  return schoolPath(section, organizationId, 'person', personId);
}

/** `/school` and `/school/<section>`: to the section of the preferred organization. */
export function ToOrganization({ section }: { section?: string }) {
  const params = useParams();
  const organizations = useAdminOrganizations();
  const target = preferredOrganization(organizations);
  if (!target) {
    return (
      <Page title="Администрация школы">
        <Notice tone="warning">
          У вашей учётной записи нет роли администратора организации. Обратитесь к муниципальному координатору.
        </Notice>
      </Page>
    );
  }
  return <Navigate to={schoolPath(section ?? params['section'] ?? 'summary', target.id)} replace />;
}

function OrganizationPicker({ organizations, current }: { organizations: SchoolOrganization[]; current: string }) {
  const id = useId();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (organizations.length < 2) return null;
  const section = pathname.split('/')[2] ?? 'summary';
  return (
    <div className="school-organization-picker">
      <label htmlFor={id}>Организация</label>
      <select id={id} value={current} onChange={(event) => navigate(schoolPath(section, event.target.value))}>
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.shortName}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Opens a section only for an organization of the admin's own grants. The API refuses the rest anyway;
 * this says so plainly instead of showing empty lists.
 */
export function OrganizationGate() {
  const { organizationId = '' } = useParams();
  const organizations = useAdminOrganizations();
  const organization = organizations.find((candidate) => candidate.id === organizationId);
  useEffect(() => {
    if (organization) sessionStorage.setItem(LAST_KEY, organization.id);
  }, [organization]);
  if (!organization) return <NoAccess organizations={organizations} />;
  return (
    <OrganizationContext.Provider value={organization}>
      <OrganizationPicker organizations={organizations} current={organization.id} />
      <Outlet />
    </OrganizationContext.Provider>
  );
}

function NoAccess({ organizations }: { organizations: SchoolOrganization[] }): ReactNode {
  return (
    <Page title="Нет доступа">
      <Notice tone="error">
        Эта организация не входит в вашу зону доступа: администратор видит и изменяет данные только своей организации.
      </Notice>
      {organizations.length > 0 && (
        <p>
          Ваши организации:{' '}
          {organizations.map((organization, index) => (
            <span key={organization.id}>
              {index > 0 && ', '}
              <Link to={schoolPath('summary', organization.id)}>{organization.shortName}</Link>
            </span>
          ))}
        </p>
      )}
    </Page>
  );
}
