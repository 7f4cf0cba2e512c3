/**
 * The one meaning of "the principal holds a scope over a row", shared by every subgraph's `policy.ts`
 * (DESIGN.md, access model; DOMAIN.md rule 5a):
 *
 *   a principal holds scope S over row R when ONE of its grants carries S and that grant's own territory
 *   reaches R — or when S is a self scope (`SELF_SCOPES`) and R is the principal's own person record.
 *
 * Grants are never combined: a row is visible through an OR over grants, each grant judged alone, so a
 * person with several roles reaches no more than the union of what each role reaches by itself. A class
 * found through one grant (a parent's "the class of my child") never meets a student rule of another grant
 * (a teacher's "every student of a readable class"). Subgraphs describe what one grant reaches in their
 * tables (`under(grant)`); this base combines the grants, in SQL for lists and in JavaScript for one row.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Grant, Scope } from '@region/schema';
import { notFound } from './errors.ts';
import {
  SELF_SCOPES,
  grantsWith,
  holdsAnonymously,
  municipalitiesWith,
  organizationsWith,
  type Principal,
} from './principal.ts';

export const TRUE: SQL = sql`true`;
/** `PolicyBase.grantReaching`: the row is reached by the self rule, or is public to anonymous callers. */
export const SELF_GRANT = -1;
export const PUBLIC_GRANT = -2;
export const FALSE: SQL = sql`false`;

/** OR of predicates; no predicate is no row. */
export function anyOf(predicates: readonly SQL[]): SQL {
  return predicates.length ? sql`(${sql.join([...predicates], sql` or `)})` : FALSE;
}

/** What one grant reaches: a predicate on the row, or null for nothing. */
export type GrantReach<T> = (grant: Grant) => T | null;

export class PolicyBase {
  constructor(readonly principal: Principal) {}

  /** The principal's own person record (none for services and the gateway). */
  get personId(): string | null {
    return this.principal.kind === 'PERSON' ? this.principal.personId : null;
  }

  /** The grants that carry the scope, each with its own territory. */
  grantsWith(scope: Scope): Grant[] {
    return grantsWith(this.principal, scope);
  }

  /** Does the principal hold the scope anywhere — over some row? (Rows are checked with `rowsWith`/`holdsOver`.) */
  holds(scope: Scope): boolean {
    return this.grantsWith(scope).length > 0 || this.holdsOverSelf(scope) || holdsAnonymously(this.principal, scope);
  }

  /** Is the scope held over the principal's own person record by the self rule alone? */
  holdsOverSelf(scope: Scope): boolean {
    return this.personId !== null && SELF_SCOPES.includes(scope);
  }

  /** Organizations over which the principal holds a scope through an organization-wide grant: `'ALL'` for the region. */
  organizationsWith(scope: Scope): 'ALL' | string[] {
    return organizationsWith(this.principal, scope);
  }

  /** Municipalities over which the principal holds a scope through a municipality-wide grant: `'ALL'` for the region. */
  municipalitiesWith(scope: Scope): 'ALL' | string[] {
    return municipalitiesWith(this.principal, scope);
  }

  /** Predicate on an organization id column: an organization-wide grant carrying `scope` covers it. */
  organizationPredicate(column: SQL, scope: Scope): SQL {
    const organizations = this.organizationsWith(scope);
    if (organizations === 'ALL') return TRUE;
    return organizations.length ? sql`${column} in ${organizations}` : FALSE;
  }

  /**
   * Rows over which the principal holds `scope`, as one SQL predicate: the OR over the grants carrying the
   * scope of what each reaches alone (`under`), plus the own record (`self`, a predicate "the row is the
   * principal's person") when the scope is a self scope.
   */
  rowsWith(scope: Scope, under: GrantReach<SQL>, self?: (personId: string) => SQL): SQL {
    if (holdsAnonymously(this.principal, scope)) return TRUE;
    const predicates: SQL[] = [];
    for (const grant of this.grantsWith(scope)) {
      const predicate = under(grant);
      if (predicate) predicates.push(predicate);
    }
    if (self && this.holdsOverSelf(scope)) predicates.push(self(this.personId!));
    return anyOf(predicates);
  }

  /**
   * Which grant lets the principal hold `scope` over the row, as one SQL expression evaluated with the row
   * (the same rule as `rowsWith`): the index in `grantsWith(scope)` of the first grant that reaches it,
   * `SELF_GRANT` for the self rule, `PUBLIC_GRANT` for what anonymous callers hold, null for none. The
   * personal-data access log names the role and organization of that grant (issue 14 §4) at no extra query.
   */
  grantReaching(scope: Scope, under: GrantReach<SQL>, self?: (personId: string) => SQL): SQL<number | null> {
    if (holdsAnonymously(this.principal, scope)) return sql<number>`${PUBLIC_GRANT}::int`;
    const cases: SQL[] = [];
    this.grantsWith(scope).forEach((grant, index) => {
      const predicate = under(grant);
      if (predicate) cases.push(sql`when ${predicate} then ${sql.raw(String(index))}`);
    });
    if (self && this.holdsOverSelf(scope))
      cases.push(sql`when ${self(this.personId!)} then ${sql.raw(String(SELF_GRANT))}`);
    return cases.length ? sql<number | null>`(case ${sql.join(cases, sql` `)} end)` : sql<null>`null::int`;
  }

  /** The grant a `grantReaching` index names: a grant, `'SELF'`, or null (none, or public). */
  grantAt(scope: Scope, index: number | null): Grant | 'SELF' | null {
    if (index === null) return null;
    if (index === SELF_GRANT) return 'SELF';
    return this.grantsWith(scope)[index] ?? null;
  }

  /** The same rule for one row already in hand: does one grant reach it (or is it the own record)? */
  holdsOver(scope: Scope, reaches: GrantReach<boolean>, isSelf?: (personId: string) => boolean): boolean {
    if (holdsAnonymously(this.principal, scope)) return true;
    if (this.grantsWith(scope).some((grant) => reaches(grant) === true)) return true;
    return Boolean(isSelf && this.holdsOverSelf(scope) && isSelf(this.personId!));
  }
}

/**
 * A top-level lookup by id (`person(id)`, `class(id)`, `lesson(id)`, `application(id)`): a row outside the
 * principal's scope answers exactly as a row that does not exist — `null` with `NOT_FOUND` and one message —
 * so a refusal is visible to the client and a test, and existence is not revealed. Entity references
 * (`__resolveReference`) stay plain `null`: they arrive inside a parent the principal may read.
 */
export async function foundInScope<T>(row: Promise<T | null>, what: string): Promise<T> {
  const found = await row;
  if (found === null || found === undefined) throw notFound(what);
  return found;
}
