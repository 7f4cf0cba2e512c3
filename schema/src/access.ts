/**
 * The access model: which scopes each role holds. A scope is always held *over the territory of the
 * grant that carries the role* (DESIGN.md, access model): the gateway asks whether the principal holds a
 * scope anywhere, a subgraph asks whether it holds it over the row at hand.
 */

export const ROLES = [
  'REGIONAL_OPERATOR',
  'MINISTRY_ANALYST',
  'MUNICIPAL_COORDINATOR',
  'ORG_ADMIN',
  'TEACHER',
  'CLASS_TEACHER',
  'GUARDIAN',
  'STUDENT',
  'SERVICE',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  /** Names and the place of a person in the hierarchy (class, organization). */
  'person:read',
  /** Personal data proper: SNILS, documents, birth date, addresses, citizenship (152-FZ). */
  'pii:read',
  /** Phone and e-mail: class teachers reach parents, parents reach the school. */
  'contacts:read',
  /** Create and edit person cards, guardianship links. */
  'pii:write',
  /** Movement book: enrol, transfer, expel, graduate. */
  'movement:write',
  /** List and merge duplicate person records (DOMAIN.md rule 8). */
  'duplicates:manage',
  /** Grant or withdraw consents on behalf of a person. */
  'consent:manage',
  /** Give and withdraw role grants inside one's territory. */
  'grants:manage',
  /** Organizations and municipalities: names, types, INN, addresses. */
  'org:read',
  /** Register and edit organizations. */
  'org:write',
  /** Region-wide aggregates without personal rows (monitoring, statistics). */
  'aggregate:read',
  /**
   * The report builder (issue 12): aggregate tables over the grant's territory, small cells suppressed. Org
   * admins hold it for their organization, unlike `aggregate:read`, which opens region-wide monitors.
   */
  'reports:read',
  /**
   * ГИР ВУ (issue 12, DOMAIN.md rules 14 and 22): the named list of learners turning 17 with their SNILS,
   * documents and addresses, and its error report, over the grant's organizations. Its own scope, not
   * `pii:read` plus a role check: `pii:read` is also a guardian's and a student's, and a municipal
   * coordinator's `pii:read` reaches no learner — the list is a duty of the school, its coordinator and the
   * region only, and an analyst never gets it.
   */
  'military:read',
  /** History of changes to personal data and the access log. */
  'audit:read',
  /** Marks, attendance, lessons and homework of the learners in one's territory. */
  'journal:read',
  /** Set marks and attendance, topics and homework. */
  'journal:write',
  /** Create and open school years, close periods. */
  'school-year:manage',
  /** Submit and withdraw applications for one's children. */
  'admissions:apply',
  /** Read the applications of one's territory (and support search). */
  'admissions:read',
  /** Review, direct, enrol and reject applications to one's organizations. */
  'admissions:manage',
  /** Hand applications over from an external system (ЕПГУ intake). */
  'admissions:intake',
  /** The public extra-education catalogue: published programmes, their groups and free places (issue 11). */
  'catalogue:read',
  /** Obtain certificates and apply to extra-education groups for one's linked children (or oneself). */
  'extra:apply',
  /** Extra-education certificates, applications and contracts of one's territory (DOMAIN.md rules 19–20). */
  'extra:read',
  /** An extra-education organization's programmes, groups, application decisions and contracts. */
  'extra:manage',
  /** Funding norms per period and crediting certificates (ПФДО, rule 19a). */
  'extra:fund',
  /** Hand certificates and applications over from an external system (ЕПГУ). */
  'extra:intake',
  /** Read one's own message threads (issue 15 §1): held over the participant's own threads only. */
  'messages:read',
  /** Write to the recipients one's grants reach (a teacher to her classes' families, a parent to the school). */
  'messages:write',
  /** Publish announcements to one's school, led class or municipality (issue 15 §1). */
  'announcements:write',
  /**
   * Tell people of a journal event (a mark, an absence, homework) or an application's status change of one's
   * territory, to be turned into notifications (issue 15 §1): learning's and admissions' own workers
   * (`learning-notifications`, `admissions-notifications`) only, no person's role.
   */
  'notifications:write',

  /**
   * The change feed (issue 14 §2): keys of changed persons, organizations, classes, marks… of one's territory,
   * no values — what a municipal or regional system needs to keep its copy current.
   */
  'changes:read',
  /** Register external systems' operation manifests and activate a version (issue 14 §1). */
  'services:manage',
  /** The «Моя школа» delivery report of one's organizations: batches sent, records refused and why (issue 14 §3). */
  'mart:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  REGIONAL_OPERATOR: [
    'person:read',
    'pii:read',
    'contacts:read',
    'pii:write',
    'movement:write',
    'duplicates:manage',
    'consent:manage',
    'grants:manage',
    'org:read',
    'org:write',
    'aggregate:read',
    'reports:read',
    'military:read',
    'audit:read',
    'journal:read',
    'admissions:read',
    'catalogue:read',
    'extra:read',
    'extra:fund',
    'changes:read',
    'services:manage',
    'mart:read',
  ],
  // Seed 003: the owner of information sees aggregates only, never raw personal data.
  MINISTRY_ANALYST: ['org:read', 'aggregate:read', 'reports:read', 'catalogue:read'],
  MUNICIPAL_COORDINATOR: [
    'person:read',
    'pii:read',
    'contacts:read',
    'pii:write',
    'grants:manage',
    'org:read',
    'org:write',
    'aggregate:read',
    'reports:read',
    'military:read',
    'journal:read',
    'admissions:read',
    'catalogue:read',
    'extra:read',
    'announcements:write',
  ],
  ORG_ADMIN: [
    'person:read',
    'pii:read',
    'contacts:read',
    'pii:write',
    'movement:write',
    'duplicates:manage',
    'consent:manage',
    'grants:manage',
    'org:read',
    'audit:read',
    'reports:read',
    'military:read',
    'journal:read',
    'journal:write',
    'school-year:manage',
    'admissions:read',
    'admissions:manage',
    'catalogue:read',
    'extra:read',
    'extra:manage',
    'messages:read',
    'messages:write',
    'announcements:write',
    'mart:read',
  ],
  TEACHER: [
    'person:read',
    'org:read',
    'journal:read',
    'journal:write',
    'catalogue:read',
    'messages:read',
    'messages:write',
  ],
  CLASS_TEACHER: [
    'person:read',
    'contacts:read',
    'org:read',
    'journal:read',
    'journal:write',
    'catalogue:read',
    'messages:read',
    'messages:write',
    'announcements:write',
  ],
  GUARDIAN: [
    'person:read',
    'pii:read',
    'contacts:read',
    'consent:manage',
    'org:read',
    'audit:read',
    'journal:read',
    'admissions:apply',
    'catalogue:read',
    'extra:read',
    'extra:apply',
    'messages:read',
    'messages:write',
  ],
  STUDENT: [
    'person:read',
    'pii:read',
    'contacts:read',
    'org:read',
    'journal:read',
    'catalogue:read',
    'extra:apply',
    'messages:read',
    'messages:write',
  ],
  SERVICE: ['org:read', 'admissions:intake', 'extra:intake', 'catalogue:read'],
};

/** Where in the hierarchy region → municipality → organization → class → person a grant applies. */
export type Territory =
  | { kind: 'REGION' }
  /**
   * A municipality, with its organizations' ids as of login: subgraphs other than people hold no
   * organization → municipality mapping and filter by these.
   */
  | { kind: 'MUNICIPALITY'; municipalityId: string; organizationIds: string[] }
  | { kind: 'ORGANIZATION'; organizationId: string }
  | { kind: 'CLASS'; organizationId: string; classId: string }
  /** A guardian's linked children. */
  | { kind: 'CHILDREN'; personIds: string[] }
  /** The person themself (a student). */
  | { kind: 'SELF' };

export interface Grant {
  role: Role;
  territory: Territory;
  /**
   * An external system holds a fixed set of operations (DOMAIN.md roles: SERVICE), registered with its
   * account: when present, these replace the role's scopes.
   */
  scopes?: Scope[];
}

/** The scopes one grant carries. */
export function grantScopes(grant: Grant): readonly Scope[] {
  return grant.role === 'SERVICE' && grant.scopes ? grant.scopes : ROLE_SCOPES[grant.role];
}

/** Every scope the grants carry, anywhere: what the gateway checks before planning. */
export function scopesOf(grants: readonly Grant[]): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const grant of grants) for (const scope of grantScopes(grant)) scopes.add(scope);
  return scopes;
}

/** The grants that carry a scope: what a subgraph turns into a row predicate. */
export function grantsWithScope(grants: readonly Grant[], scope: Scope): Grant[] {
  return grants.filter((grant) => grantScopes(grant).includes(scope));
}

/**
 * `@access(scopes: [["a", "b"], ["c"]])` semantics, the same as Apollo Router's `@requiresScopes`:
 * the outer list is OR, each inner list is AND.
 */
export function satisfiesScopes(held: ReadonlySet<string>, required: readonly (readonly string[])[]): boolean {
  return required.some((all) => all.every((scope) => held.has(scope)));
}
