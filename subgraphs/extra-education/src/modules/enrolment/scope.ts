/**
 * Row scope of applications and contracts (issue 11, «Access and personal data»): a guardian reads their
 * linked children's (`extra:read`/`extra:apply` over CHILDREN), a student of 14+ their own (`extra:apply`
 * over SELF), an organization's admin their organization's, a coordinator their municipality's
 * organizations', the regional operator all. Each grant is judged alone (`PolicyBase`, rule 5a).
 */
import type { Grant } from '@region/schema';
import { anyOf, assertNever } from '@region/kit';
import { extraEducationTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ExtraEducationPolicy } from '../../policy.ts';

const { applications, contracts } = extraEducationTables;

interface Columns {
  organizationId: SQL;
  childId: SQL;
}

const APPLICATION: Columns = {
  organizationId: qualified(applications.organizationId),
  childId: qualified(applications.childId),
};
const CONTRACT: Columns = {
  organizationId: qualified(contracts.organizationId),
  childId: qualified(contracts.childId),
};

function organizationsUnder(grant: Grant, c: Columns): SQL | null {
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

function childrenUnder(policy: ExtraEducationPolicy, grant: Grant, c: Columns): SQL | null {
  const t = grant.territory;
  if (t.kind === 'CHILDREN') return t.personIds.length ? sql`${c.childId} in ${t.personIds}` : null;
  if (t.kind === 'SELF' && policy.personId) return sql`${c.childId} = ${policy.personId}`;
  return null;
}

function readable(policy: ExtraEducationPolicy, c: Columns): SQL {
  return anyOf([
    policy.rowsWith('extra:read', (grant) => organizationsUnder(grant, c) ?? childrenUnder(policy, grant, c)),
    policy.rowsWith('extra:manage', (grant) => organizationsUnder(grant, c)),
    policy.rowsWith('extra:apply', (grant) => childrenUnder(policy, grant, c)),
  ]);
}

/** Applications the principal may read. */
export const applicationsReadable = (policy: ExtraEducationPolicy) => readable(policy, APPLICATION);
/** Contracts the principal may read. */
export const contractsReadable = (policy: ExtraEducationPolicy) => readable(policy, CONTRACT);

/** May the principal apply for this child: a guardian of the child, or the child themself (age is checked apart)? */
export function appliesFor(policy: ExtraEducationPolicy, childId: string): 'GUARDIAN' | 'SELF' | null {
  const grants = policy.grantsWith('extra:apply');
  if (grants.some((g) => g.territory.kind === 'CHILDREN' && g.territory.personIds.includes(childId))) return 'GUARDIAN';
  if (grants.some((g) => g.territory.kind === 'SELF') && policy.personId === childId) return 'SELF';
  return null;
}
