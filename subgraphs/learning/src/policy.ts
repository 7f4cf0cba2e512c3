/**
 * Row scope of the learning subgraph (DESIGN.md, access model), as SQL predicates: teachers reach the
 * classes they teach (their assignments, the class they lead, a lesson they substitute), guardians their
 * children, students themselves, org admins their organization, coordinators their territory. Ministry
 * analysts hold no `journal:read` and reach no per-person rows.
 */
import type { Grant, Scope } from '@region/schema';
import { assertNever, grantsWith, organizationsWith, type Principal } from '@region/kit';
import { learningTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { classes } = learningTables;
const CLASS_ID = qualified(classes.id);
const CLASS_ORGANIZATION = qualified(classes.organizationId);

const FALSE = sql`false`;
const anyOf = (predicates: SQL[]): SQL => (predicates.length ? sql`(${sql.join(predicates, sql` or `)})` : FALSE);

export class LearningPolicy {
  constructor(readonly principal: Principal) {}

  get personId(): string | null {
    return this.principal.kind === 'PERSON' ? this.principal.personId : null;
  }

  grantsWith(scope: Scope): Grant[] {
    return grantsWith(this.principal, scope);
  }

  holds(scope: Scope): boolean {
    return this.grantsWith(scope).length > 0;
  }

  /** Organizations over which the principal holds a scope: `'ALL'` for the region. */
  organizationsWith(scope: Scope): 'ALL' | string[] {
    return organizationsWith(this.principal, scope);
  }

  /** Predicate on an organization id column: the organizations where the principal holds `scope`. */
  organizationPredicate(column: SQL, scope: Scope): SQL {
    const organizations = this.organizationsWith(scope);
    if (organizations === 'ALL') return sql`true`;
    return organizations.length ? sql`${column} in ${organizations}` : FALSE;
  }

  /**
   * Classes whose journal the principal may read or write (`journal:read` / `journal:write`), as a predicate
   * on `learning.classes`. A teacher's reach comes from this subgraph's own assignments and substitutions,
   * so it follows the timetable, not a grant that may lag behind it.
   */
  classesWith(scope: 'journal:read' | 'journal:write'): SQL {
    const predicates: SQL[] = [this.organizationPredicate(CLASS_ORGANIZATION, scope)];
    const me = this.personId;
    for (const grant of this.grantsWith(scope)) {
      const t = grant.territory;
      switch (t.kind) {
        case 'CLASS':
          predicates.push(sql`${CLASS_ID} = ${t.classId}`);
          break;
        case 'CHILDREN':
          // Guardians read (never write) their children's classes; their rows are narrowed per student.
          if (scope === 'journal:read' && t.personIds.length) {
            predicates.push(sql`exists (select 1 from learning.class_members cm
              where cm.class_id = ${CLASS_ID} and cm.person_id in ${t.personIds})`);
          }
          break;
        case 'SELF':
          if (scope === 'journal:read' && me) {
            predicates.push(sql`exists (select 1 from learning.class_members cm
              where cm.class_id = ${CLASS_ID} and cm.person_id = ${me})`);
          }
          break;
        case 'REGION':
        case 'MUNICIPALITY':
        case 'ORGANIZATION':
          break;
        default:
          assertNever(t);
      }
    }
    if (me && (this.holds('journal:write') || this.holds('journal:read'))) {
      const staff = this.grantsWith(scope).some((g) => g.role === 'TEACHER' || g.role === 'CLASS_TEACHER');
      if (staff) {
        predicates.push(
          sql`exists (select 1 from learning.assignments a where a.class_id = ${CLASS_ID} and a.teacher_id = ${me})`,
        );
        predicates.push(sql`${qualified(classes.classTeacherId)} = ${me}`);
      }
    }
    return anyOf(predicates);
  }

  /**
   * Students whose marks and attendance the principal may read, as a predicate on a student id column:
   * everyone in the readable classes for staff, only the children or oneself for families.
   */
  studentsWith(studentColumn: SQL, classColumn: SQL): SQL {
    const predicates: SQL[] = [];
    const staffScopes = this.grantsWith('journal:read').filter(
      (g) => g.territory.kind !== 'CHILDREN' && g.territory.kind !== 'SELF',
    );
    if (staffScopes.length) {
      predicates.push(
        sql`exists (select 1 from learning.classes where ${CLASS_ID} = ${classColumn} and ${this.classesWith('journal:read')})`,
      );
    }
    for (const grant of this.grantsWith('journal:read')) {
      if (grant.territory.kind === 'CHILDREN' && grant.territory.personIds.length) {
        predicates.push(sql`${studentColumn} in ${grant.territory.personIds}`);
      }
      if (grant.territory.kind === 'SELF' && this.personId) predicates.push(sql`${studentColumn} = ${this.personId}`);
    }
    return anyOf(predicates);
  }
}
