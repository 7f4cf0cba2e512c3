/**
 * Row scope of the learning subgraph (DESIGN.md, access model), as SQL predicates: teachers reach the
 * classes they teach (their assignments, the class they lead, a lesson they substitute), guardians their
 * children, students themselves, org admins their organization, coordinators their territory. Ministry
 * analysts hold no `journal:read` and reach no per-person rows.
 *
 * Each grant is judged alone (`PolicyBase`, DOMAIN.md rule 5a): a staff grant reaches every learner of
 * the classes of its own territory; a family grant (a guardian's children, a student themself) reaches the
 * family's own rows only, even in a class it may open. A teacher who is also a parent therefore reads her
 * child's marks in the child's class, and nobody else's there.
 */
import type { Grant, Scope } from '@region/schema';
import { PolicyBase, TRUE, anyOf, assertNever } from '@region/kit';
import { learningTables, qualified } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { classes } = learningTables;
const CLASS_ID = qualified(classes.id);
const CLASS_ORGANIZATION = qualified(classes.organizationId);

type JournalScope = 'journal:read' | 'journal:write';

const isTeaching = (grant: Grant) => grant.role === 'TEACHER' || grant.role === 'CLASS_TEACHER';

export class LearningPolicy extends PolicyBase {
  /**
   * The classes one grant reaches, as a predicate on `learning.classes`. A teacher's reach comes from this
   * subgraph's own assignments and class leadership (so it follows the timetable, not a grant that may lag
   * behind it), within the organization of the teaching grant. A family grant reaches the classes its
   * children (or the student) are in, for reading only.
   */
  private classesUnder(grant: Grant, scope: JournalScope, taught: Set<string>): SQL | null {
    const t = grant.territory;
    const me = this.personId;
    switch (t.kind) {
      case 'REGION':
        return TRUE;
      case 'MUNICIPALITY':
        return t.organizationIds.length ? sql`${CLASS_ORGANIZATION} in ${t.organizationIds}` : null;
      case 'ORGANIZATION':
        return sql`${CLASS_ORGANIZATION} = ${t.organizationId}`;
      case 'CLASS': {
        const predicates = [sql`${CLASS_ID} = ${t.classId}`];
        // A teacher's reach in an organization is the same for each of her class grants there: said once.
        if (me && isTeaching(grant) && !taught.has(t.organizationId)) {
          taught.add(t.organizationId);
          predicates.push(sql`(${CLASS_ORGANIZATION} = ${t.organizationId} and (
            exists (select 1 from learning.assignments a where a.class_id = ${CLASS_ID} and a.teacher_id = ${me})
            or ${qualified(classes.classTeacherId)} = ${me}))`);
        }
        return anyOf(predicates);
      }
      case 'CHILDREN':
        return scope === 'journal:read' && t.personIds.length
          ? sql`exists (select 1 from learning.class_members cm where cm.class_id = ${CLASS_ID} and cm.person_id in ${t.personIds})`
          : null;
      case 'SELF':
        return scope === 'journal:read' && me
          ? sql`exists (select 1 from learning.class_members cm where cm.class_id = ${CLASS_ID} and cm.person_id = ${me})`
          : null;
      default:
        return assertNever(t);
    }
  }

  /**
   * The learners one grant reaches, as a predicate on a (student, class) pair: every learner of a class
   * under a staff grant; only the family's own learners under a family grant.
   */
  private studentsUnder(grant: Grant, studentColumn: SQL, classColumn: SQL, taught: Set<string>): SQL | null {
    const t = grant.territory;
    switch (t.kind) {
      case 'CHILDREN':
        return t.personIds.length ? sql`${studentColumn} in ${t.personIds}` : null;
      case 'SELF':
        return this.personId ? sql`${studentColumn} = ${this.personId}` : null;
      case 'REGION':
      case 'MUNICIPALITY':
      case 'ORGANIZATION':
      case 'CLASS': {
        const reach = this.classesUnder(grant, 'journal:read', taught);
        return reach
          ? sql`exists (select 1 from learning.classes where ${CLASS_ID} = ${classColumn} and ${reach})`
          : null;
      }
      default:
        return assertNever(t);
    }
  }

  /** Classes whose journal the principal may read or write, as a predicate on `learning.classes`. */
  classesWith(scope: JournalScope): SQL {
    const taught = new Set<string>();
    return this.rowsWith(scope, (grant) => this.classesUnder(grant, scope, taught));
  }

  /**
   * Learners whose marks, attendance, diary and portfolio the principal may read, as a predicate on a
   * student id column and the class the row belongs to.
   */
  studentsWith(studentColumn: SQL, classColumn: SQL): SQL {
    const taught = new Set<string>();
    return this.rowsWith('journal:read', (grant) => this.studentsUnder(grant, studentColumn, classColumn, taught));
  }

  /** Organizations where a teaching grant carries `scope` (a teacher's assignments count only there). */
  teachingOrganizations(scope: Scope): string[] {
    return this.grantsWith(scope).flatMap((grant) =>
      isTeaching(grant) && grant.territory.kind === 'CLASS' ? [grant.territory.organizationId] : [],
    );
  }
}
