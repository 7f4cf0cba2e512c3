/**
 * Role grants with their territory (DOMAIN.md roles): the regional operator registers municipal
 * coordinators, a coordinator registers the admins of their municipality's organizations, an admin the
 * teachers of their organization. GUARDIAN and STUDENT are never granted: they follow from links.
 */
import type { Role } from '@region/schema';
import { badInput, conflict, forbidden, notFound } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import {
  activeGrantForUpdate,
  activeGrantsOfRole,
  insertGrant,
  liveCardExists,
  markGrantWithdrawn,
  municipalityOfOrganization,
  type GrantRow,
} from './repository.ts';

export { grantsOfPersons, type GrantRow } from './repository.ts';

export interface GrantRoleInput {
  personId: string;
  role: Role;
  municipalityId?: string | null;
  organizationId?: string | null;
  classId?: string | null;
}

type Territory = Pick<GrantRow, 'territory' | 'municipalityId' | 'organizationId' | 'classId'>;

function territoryOf(input: GrantRoleInput): Territory {
  const none = { municipalityId: null, organizationId: null, classId: null };
  switch (input.role) {
    case 'REGIONAL_OPERATOR':
    case 'MINISTRY_ANALYST':
      return { territory: 'REGION', ...none };
    case 'MUNICIPAL_COORDINATOR':
      if (!input.municipalityId) throw badInput('Укажите муниципалитет координатора.', 'municipalityId');
      return { territory: 'MUNICIPALITY', ...none, municipalityId: input.municipalityId };
    case 'ORG_ADMIN':
      if (!input.organizationId) throw badInput('Укажите организацию администратора.', 'organizationId');
      return { territory: 'ORGANIZATION', ...none, organizationId: input.organizationId };
    case 'TEACHER':
    case 'CLASS_TEACHER':
      if (!input.organizationId || !input.classId) throw badInput('Укажите организацию и класс учителя.', 'classId');
      return { territory: 'CLASS', ...none, organizationId: input.organizationId, classId: input.classId };
    case 'GUARDIAN':
    case 'STUDENT':
      throw badInput('Роли родителя и обучающегося не выдаются: они следуют из связей и зачисления.', 'role');
    case 'SERVICE':
      throw badInput('Роль внешней системы выдаётся учётной записи системы, а не человеку.', 'role');
  }
}

/** Which roles each grant-managing role may hand out, and where. */
async function mayGrant(tx: Executor, policy: PeoplePolicy, role: Role, territory: Territory): Promise<boolean> {
  if (policy.principal.kind !== 'PERSON') return false;
  const managers = policy.principal.grants.filter(
    (grant) =>
      grant.role === 'REGIONAL_OPERATOR' || grant.role === 'MUNICIPAL_COORDINATOR' || grant.role === 'ORG_ADMIN',
  );
  if (managers.some((grant) => grant.role === 'REGIONAL_OPERATOR')) return true;
  let organization: { municipalityId: string } | undefined;
  if (territory.organizationId) {
    organization = await municipalityOfOrganization(tx, territory.organizationId);
    if (!organization) throw badInput('Такой организации нет.', 'organizationId');
  }
  return managers.some((grant) => {
    const t = grant.territory;
    if (grant.role === 'MUNICIPAL_COORDINATOR' && t.kind === 'MUNICIPALITY') {
      return role === 'ORG_ADMIN' && organization?.municipalityId === t.municipalityId;
    }
    if (grant.role === 'ORG_ADMIN' && t.kind === 'ORGANIZATION') {
      return ['ORG_ADMIN', 'TEACHER', 'CLASS_TEACHER'].includes(role) && territory.organizationId === t.organizationId;
    }
    return false;
  });
}

export async function grantRole(
  db: Database,
  policy: PeoplePolicy,
  input: GrantRoleInput,
  now: Date,
): Promise<GrantRow> {
  const territory = territoryOf(input);
  return db.transaction(async (tx) => {
    if (!(await mayGrant(tx, policy, input.role, territory)))
      throw forbidden('Эту роль на этой территории вы выдать не можете.');
    if (!(await liveCardExists(tx, input.personId))) throw notFound('Человек');
    const active = await activeGrantsOfRole(tx, input.personId, input.role);
    const same = active.find(
      (g) =>
        g.municipalityId === territory.municipalityId &&
        g.organizationId === territory.organizationId &&
        g.classId === territory.classId,
    );
    if (same) throw conflict('Эта роль на этой территории уже выдана.');
    const created = await insertGrant(tx, {
      personId: input.personId,
      role: input.role,
      ...territory,
      grantedBy: policy.personId,
      grantedAt: now,
    });
    await recordHistory(tx, {
      entity: 'role_grant',
      entityId: input.personId,
      field: input.role,
      oldValue: null,
      newValue: territory,
      changedBy: policy.personId,
    });
    return created;
  });
}

export async function withdrawRole(db: Database, policy: PeoplePolicy, id: string, now: Date): Promise<GrantRow> {
  return db.transaction(async (tx) => {
    const grant = await activeGrantForUpdate(tx, id);
    if (!grant) throw notFound('Действующая роль');
    if (!(await mayGrant(tx, policy, grant.role, grant))) throw forbidden('Эту роль вы отозвать не можете.');
    const withdrawn = await markGrantWithdrawn(tx, id, now);
    await recordHistory(tx, {
      entity: 'role_grant',
      entityId: grant.personId,
      field: grant.role,
      oldValue: {
        territory: grant.territory,
        municipalityId: grant.municipalityId,
        organizationId: grant.organizationId,
        classId: grant.classId,
      },
      newValue: null,
      changedBy: policy.personId,
    });
    return withdrawn;
  });
}
