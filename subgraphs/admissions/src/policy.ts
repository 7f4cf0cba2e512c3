/**
 * Row scope of admissions (DOMAIN.md rule 15–18, issue: row scope): guardians their own applications
 * (as applicant or for their children), org admins the applications to their organization, municipal
 * coordinators their municipality's, the regional operator all; other roles none. Each grant is judged
 * alone (`PolicyBase`, rule 5a): an admin who is also a parent reads her school's applications and her own
 * family's, never another school's application for a child of the same class as hers.
 */
import type { Grant, Scope } from '@region/schema';
import { PolicyBase, TRUE, anyOf, assertNever } from '@region/kit';
import { admissionsTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { applications } = admissionsTables;
const APPLICATION = {
  id: qualified(applications.id),
  childId: qualified(applications.childId),
  applicantId: qualified(applications.applicantId),
  directedOrganizationId: qualified(applications.directedOrganizationId),
};

/** Applications addressed to (a choice of) or directed to one of the organizations. */
function toOrganizations(organizationIds: readonly string[]): SQL | null {
  if (organizationIds.length === 0) return null;
  return sql`(${APPLICATION.directedOrganizationId} in ${organizationIds} or exists (
    select 1 from admissions.application_choices c where c.application_id = ${APPLICATION.id} and c.organization_id in ${organizationIds}))`;
}

export class AdmissionsPolicy extends PolicyBase {
  /** Organizations where the principal holds the scope: 'ALL' for the region. */
  organizations(scope: Scope): 'ALL' | string[] {
    return this.organizationsWith(scope);
  }

  childrenIds(): string[] {
    return this.grantsWith('admissions:apply').flatMap((grant) =>
      grant.territory.kind === 'CHILDREN' ? grant.territory.personIds : [],
    );
  }

  /** The applications one staff grant (`admissions:read`) reaches: those of its territory's organizations. */
  private underStaffGrant(grant: Grant): SQL | null {
    const t = grant.territory;
    switch (t.kind) {
      case 'REGION':
        return TRUE;
      case 'MUNICIPALITY':
        return toOrganizations(t.organizationIds);
      case 'ORGANIZATION':
        return toOrganizations([t.organizationId]);
      case 'CLASS':
      case 'CHILDREN':
      case 'SELF':
        return null;
      default:
        return assertNever(t);
    }
  }

  /** The applications one family grant (`admissions:apply`) reaches: the ones one applied for, and the children's. */
  private underFamilyGrant(grant: Grant): SQL | null {
    const me = this.personId;
    const predicates: SQL[] = [];
    if (me) predicates.push(sql`${APPLICATION.applicantId} = ${me}`);
    if (grant.territory.kind === 'CHILDREN' && grant.territory.personIds.length)
      predicates.push(sql`${APPLICATION.childId} in ${grant.territory.personIds}`);
    return predicates.length ? anyOf(predicates) : null;
  }

  /** Applications the principal may read, as a predicate on `admissions.applications`. */
  readable(): SQL {
    return anyOf([
      this.rowsWith('admissions:read', (grant) => this.underStaffGrant(grant)),
      this.rowsWith('admissions:apply', (grant) => this.underFamilyGrant(grant)),
    ]);
  }

  /** May the principal decide on applications to this organization (review, direct, enrol, reject)? */
  manages(organizationId: string): boolean {
    return this.holdsOver('admissions:manage', (grant) => {
      const t = grant.territory;
      if (t.kind === 'REGION') return true;
      if (t.kind === 'MUNICIPALITY') return t.organizationIds.includes(organizationId);
      return t.kind === 'ORGANIZATION' && t.organizationId === organizationId;
    });
  }
}
