/**
 * Row scope of extra education (issue 11; DOMAIN.md rules 19–21). The catalogue is public (`catalogue:read`,
 * every role and the anonymous principal): published programmes are listed, a published or archived one is
 * found by id or reference; drafts only under a staff grant. Staff grants (`extra:read`) reach the
 * programmes of their territory in any status: the region all, a municipality its own (programmes carry the
 * municipality copied from people), an organization its own; `extra:manage` (an organization's admin) its
 * organization's. Each grant is judged alone (`PolicyBase`, rule 5a).
 */
import type { Grant } from '@region/schema';
import { PolicyBase, TRUE, anyOf, assertNever } from '@region/kit';
import { extraEducationTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { programmes, certificates, applications, contracts } = extraEducationTables;
const PROGRAMME = {
  status: qualified(programmes.status),
  organizationId: qualified(programmes.organizationId),
  municipalityId: qualified(programmes.municipalityId),
};

/** The columns a row of applications or contracts is scoped by (issue 11, «Access and personal data»). */
interface EnrolmentColumns {
  organizationId: SQL;
  childId: SQL;
}
const APPLICATION: EnrolmentColumns = {
  organizationId: qualified(applications.organizationId),
  childId: qualified(applications.childId),
};
const CONTRACT: EnrolmentColumns = {
  organizationId: qualified(contracts.organizationId),
  childId: qualified(contracts.childId),
};

const CERTIFICATE = {
  id: qualified(certificates.id),
  personId: qualified(certificates.personId),
  municipalityId: qualified(certificates.municipalityId),
  intakeAccountId: qualified(certificates.intakeAccountId),
};

export class ExtraEducationPolicy extends PolicyBase {
  /**
   * The certificates one `extra:read` grant reaches (rule 19): the region all; a municipality those whose
   * `municipality_id` is its own; an organization those of children who applied to it or hold a contract
   * with it (it needs the certificate to conclude one); a guardian their linked children's.
   */
  private certificatesUnderGrant(grant: Grant): SQL | null {
    const t = grant.territory;
    switch (t.kind) {
      case 'REGION':
        return TRUE;
      case 'MUNICIPALITY':
        return sql`${CERTIFICATE.municipalityId} = ${t.municipalityId}`;
      case 'ORGANIZATION':
        return sql`(exists (select 1 from ${applications} a where a.child_id = ${CERTIFICATE.personId}
          and a.organization_id = ${t.organizationId})
          or exists (select 1 from ${contracts} k where k.certificate_id = ${CERTIFICATE.id}
          and k.organization_id = ${t.organizationId}))`;
      case 'CHILDREN':
        return t.personIds.length ? sql`${CERTIFICATE.personId} in ${t.personIds}` : null;
      case 'CLASS':
      case 'SELF':
        return null;
      default:
        return assertNever(t);
    }
  }

  /**
   * Certificates the principal may read: `extra:read` by territory; an ЕПГУ service account only those it
   * handed over itself (the answer to its own intake), never others'.
   */
  certificatesReadable(): SQL {
    const intake =
      this.principal.kind === 'SERVICE' && this.grantsWith('extra:intake').length > 0
        ? [sql`${CERTIFICATE.intakeAccountId} = ${this.principal.serviceId}`]
        : [];
    return anyOf([...intake, this.rowsWith('extra:read', (grant) => this.certificatesUnderGrant(grant))]);
  }

  /** May the principal obtain a certificate for this child: a guardian's `extra:apply` over their linked children. */
  appliesFor(childId: string): boolean {
    return this.holdsOver('extra:apply', (grant) => {
      const t = grant.territory;
      return t.kind === 'CHILDREN' && t.personIds.includes(childId);
    });
  }

  /** Does a staff grant of `extra:read` reach this municipality's certificates (the list's filter)? */
  readsMunicipality(municipalityId: string): boolean {
    return this.holdsOver('extra:read', (grant) => {
      const t = grant.territory;
      return t.kind === 'REGION' || (t.kind === 'MUNICIPALITY' && t.municipalityId === municipalityId);
    });
  }

  /** The programmes one staff grant reaches, in any status. */
  private programmesUnderGrant(grant: Grant): SQL | null {
    const t = grant.territory;
    switch (t.kind) {
      case 'REGION':
        return TRUE;
      case 'MUNICIPALITY':
        return sql`${PROGRAMME.municipalityId} = ${t.municipalityId}`;
      case 'ORGANIZATION':
        return sql`${PROGRAMME.organizationId} = ${t.organizationId}`;
      case 'CLASS':
      case 'CHILDREN':
      case 'SELF':
        return null;
      default:
        return assertNever(t);
    }
  }

  /** Programmes in the public catalogue's lists: published only. */
  listed(): SQL {
    return this.holds('catalogue:read') ? sql`${PROGRAMME.status} = 'PUBLISHED'` : sql`false`;
  }

  /** Programmes found by id or reference: the public sees published and archived ones, staff their territory's. */
  readable(): SQL {
    return anyOf([
      ...(this.holds('catalogue:read') ? [sql`${PROGRAMME.status} <> 'DRAFT'`] : []),
      this.rowsWith('extra:read', (grant) => this.programmesUnderGrant(grant)),
      this.rowsWith('extra:manage', (grant) => this.programmesUnderGrant(grant)),
    ]);
  }

  /** Programmes the principal manages (every status): an organization's admin, their organization's. */
  managed(): SQL {
    return this.rowsWith('extra:manage', (grant) => this.programmesUnderGrant(grant));
  }

  /**
   * Row scope of applications and contracts (issue 11, «Access and personal data»): a guardian reads their
   * linked children's (`extra:read`/`extra:apply` over CHILDREN), a student of 14+ their own (`extra:apply`
   * over SELF), an organization's admin their organization's, a coordinator their municipality's
   * organizations', the regional operator all.
   */
  private enrolmentOrganizationsUnder(grant: Grant, c: EnrolmentColumns): SQL | null {
    const t = grant.territory;
    switch (t.kind) {
      case 'REGION':
        return sql`true`;
      case 'MUNICIPALITY':
        return t.organizationIds.length ? sql`${c.organizationId} in ${t.organizationIds}` : null;
      case 'ORGANIZATION':
        return sql`${c.organizationId} = ${t.organizationId}`;
      case 'CHILDREN':
      case 'CLASS':
      case 'SELF':
        return null;
      default:
        return assertNever(t);
    }
  }

  private enrolmentChildrenUnder(grant: Grant, c: EnrolmentColumns): SQL | null {
    const t = grant.territory;
    if (t.kind === 'CHILDREN') return t.personIds.length ? sql`${c.childId} in ${t.personIds}` : null;
    if (t.kind === 'SELF' && this.personId) return sql`${c.childId} = ${this.personId}`;
    return null;
  }

  private enrolmentReadable(c: EnrolmentColumns): SQL {
    return anyOf([
      this.rowsWith(
        'extra:read',
        (grant) => this.enrolmentOrganizationsUnder(grant, c) ?? this.enrolmentChildrenUnder(grant, c),
      ),
      this.rowsWith('extra:manage', (grant) => this.enrolmentOrganizationsUnder(grant, c)),
      this.rowsWith('extra:apply', (grant) => this.enrolmentChildrenUnder(grant, c)),
    ]);
  }

  /** Applications the principal may read. */
  applicationsReadable(): SQL {
    return this.enrolmentReadable(APPLICATION);
  }

  /** Contracts the principal may read. */
  contractsReadable(): SQL {
    return this.enrolmentReadable(CONTRACT);
  }

  /**
   * May the principal apply to a group for this child: as a guardian of the child, or as the child themself
   * (the age of 14 is checked apart)? Unlike `appliesFor` (certificates: guardians only) a student applies too.
   */
  appliesToGroupAs(childId: string): 'GUARDIAN' | 'SELF' | null {
    const grants = this.grantsWith('extra:apply');
    if (grants.some((g) => g.territory.kind === 'CHILDREN' && g.territory.personIds.includes(childId)))
      return 'GUARDIAN';
    if (grants.some((g) => g.territory.kind === 'SELF') && this.personId === childId) return 'SELF';
    return null;
  }

  /** May the principal manage this organization's programmes and groups (`extra:manage` over it)? */
  manages(organizationId: string): boolean {
    return this.holdsOver('extra:manage', (grant) => {
      const t = grant.territory;
      if (t.kind === 'REGION') return true;
      if (t.kind === 'MUNICIPALITY') return t.organizationIds.includes(organizationId);
      return t.kind === 'ORGANIZATION' && t.organizationId === organizationId;
    });
  }
}
