/**
 * Row scope of admissions (DOMAIN.md rule 15–18, issue: row scope): guardians their own applications
 * (as applicant or for their children), org admins the applications to their organization, municipal
 * coordinators their municipality's, the regional operator all; other roles none.
 */
import type { Grant, Scope } from '@region/schema';
import { grantsWith, organizationsWith, type Principal } from '@region/kit';
import { admissionsTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { applications } = admissionsTables;
const APPLICATION = {
  id: qualified(applications.id),
  childId: qualified(applications.childId),
  applicantId: qualified(applications.applicantId),
  directedOrganizationId: qualified(applications.directedOrganizationId),
};

export class AdmissionsPolicy {
  constructor(readonly principal: Principal) {}

  get personId(): string | null {
    return this.principal.kind === 'PERSON' ? this.principal.personId : null;
  }

  grantsWith(scope: Scope): Grant[] {
    return grantsWith(this.principal, scope);
  }

  /** Organizations where the principal holds the scope: 'ALL' for the region. */
  organizations(scope: Scope): 'ALL' | string[] {
    return organizationsWith(this.principal, scope);
  }

  childrenIds(): string[] {
    return this.grantsWith('admissions:apply').flatMap((grant) =>
      grant.territory.kind === 'CHILDREN' ? grant.territory.personIds : [],
    );
  }

  /** Applications the principal may read, as a predicate on `admissions.applications`. */
  readable(): SQL {
    const predicates: SQL[] = [];
    const organizations = this.organizations('admissions:read');
    if (organizations === 'ALL') return sql`true`;
    if (organizations.length) {
      predicates.push(sql`(${APPLICATION.directedOrganizationId} in ${organizations} or exists (
        select 1 from admissions.application_choices c where c.application_id = ${APPLICATION.id} and c.organization_id in ${organizations}))`);
    }
    const me = this.personId;
    if (me && this.grantsWith('admissions:apply').length) predicates.push(sql`${APPLICATION.applicantId} = ${me}`);
    const children = this.childrenIds();
    if (children.length) predicates.push(sql`${APPLICATION.childId} in ${children}`);
    return predicates.length ? sql`(${sql.join(predicates, sql` or `)})` : sql`false`;
  }

  /** May the principal decide on applications to this organization (review, direct, enrol, reject)? */
  manages(organizationId: string): boolean {
    const organizations = this.organizations('admissions:manage');
    return organizations === 'ALL' || organizations.includes(organizationId);
  }
}
