/**
 * Who is asking, as the gateway established it. Subgraphs never trust the client: the principal reaches
 * them only inside the gateway's signed internal token.
 */
import { grantsWithScope, scopesOf, type Grant, type Scope } from '@region/schema';

export type Principal =
  /** A person logged in through ESIA and linked to their record. */
  | { kind: 'PERSON'; personId: string; grants: Grant[] }
  /** An external system (municipal IS, ЕПГУ) with its own grants. */
  | { kind: 'SERVICE'; serviceId: string; grants: Grant[] }
  /** The gateway itself, resolving a login before any person is known. */
  | { kind: 'GATEWAY' }
  /**
   * A caller without a token (issue 11: the catalogue is public, as the regional navigator is). No grants:
   * it holds `ANONYMOUS_SCOPES` only, over the whole region.
   */
  | { kind: 'ANONYMOUS' };

/** What a caller without a token may read: the public catalogue and nothing else. */
export const ANONYMOUS_SCOPES: readonly Scope[] = ['catalogue:read'];

export const ANONYMOUS: Principal = { kind: 'ANONYMOUS' };

/**
 * Everybody may read their own card (152-FZ gives the subject the right to their data), so a person holds
 * these scopes at least over themself whatever their roles.
 */
export const SELF_SCOPES: readonly Scope[] = ['person:read', 'pii:read', 'contacts:read'];

/** Every scope the principal holds anywhere: what the gateway checks before planning. */
export function principalScopes(principal: Principal): Set<Scope> {
  switch (principal.kind) {
    case 'PERSON': {
      const scopes = scopesOf(principal.grants);
      for (const scope of SELF_SCOPES) scopes.add(scope);
      return scopes;
    }
    case 'SERVICE':
      return scopesOf(principal.grants);
    case 'GATEWAY':
      return new Set();
    case 'ANONYMOUS':
      return new Set(ANONYMOUS_SCOPES);
    default:
      return assertNever(principal);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** The principal's grants that carry a scope (none for the gateway itself and for anonymous callers). */
export function grantsWith(principal: Principal, scope: Scope): Grant[] {
  return 'grants' in principal ? grantsWithScope(principal.grants, scope) : [];
}

/** An anonymous caller holds its scopes over every row: what is public is public region-wide. */
export function holdsAnonymously(principal: Principal, scope: Scope): boolean {
  return principal.kind === 'ANONYMOUS' && ANONYMOUS_SCOPES.includes(scope);
}

/**
 * Organizations where the principal holds a scope: `'ALL'` for a region-wide grant, else the organizations of
 * its ORGANIZATION and MUNICIPALITY grants (the latter carry their organization ids from login).
 */
/**
 * Municipalities over which the principal holds a scope through a municipality-wide grant (`'ALL'` for the
 * region): for rows that belong to a municipality rather than to one of its organizations.
 */
export function municipalitiesWith(principal: Principal, scope: Scope): 'ALL' | string[] {
  if (holdsAnonymously(principal, scope)) return 'ALL';
  const ids: string[] = [];
  for (const grant of grantsWith(principal, scope)) {
    if (grant.territory.kind === 'REGION') return 'ALL';
    if (grant.territory.kind === 'MUNICIPALITY') ids.push(grant.territory.municipalityId);
  }
  return ids;
}

export function organizationsWith(principal: Principal, scope: Scope): 'ALL' | string[] {
  if (holdsAnonymously(principal, scope)) return 'ALL';
  const ids: string[] = [];
  for (const grant of grantsWith(principal, scope)) {
    const territory = grant.territory;
    if (territory.kind === 'REGION') return 'ALL';
    if (territory.kind === 'MUNICIPALITY') ids.push(...territory.organizationIds);
    if (territory.kind === 'ORGANIZATION') ids.push(territory.organizationId);
  }
  return ids;
}
