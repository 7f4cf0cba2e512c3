/**
 * Row scope of the people subgraph (DESIGN.md, access model): which persons and organizations a principal
 * may touch, as SQL predicates over region → municipality → organization → class → person and the
 * guardian/child links. Lists are filtered in SQL, never fetched and then dropped.
 */
import type { Grant, Scope } from '@region/schema';
import { FALSE, PolicyBase, TRUE, anyOf, assertNever, regionToday, type Principal } from '@region/kit';
import { qualified, tables } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

const { persons, organizations } = tables;

const PERSON_ID = qualified(persons.id);
const ORGANIZATION_ID = qualified(organizations.id);

/** Persons a single grant reaches. The role matters as well as the territory: see each case. */
function personsUnderGrant(grant: Grant): SQL {
  const person = PERSON_ID;
  const territory = grant.territory;
  switch (territory.kind) {
    case 'REGION':
      return TRUE;
    case 'MUNICIPALITY':
      // A municipal coordinator sees the organizations of the municipality and their admins, and the
      // municipality's other coordinators — not the learners (DOMAIN.md roles).
      return sql`exists (
        select 1 from people.role_grants g
        left join people.organizations o on o.id = g.organization_id
        where g.person_id = ${person} and g.withdrawn_at is null
          and (g.municipality_id = ${territory.municipalityId} or o.municipality_id = ${territory.municipalityId}))`;
    case 'ORGANIZATION':
      // An org admin: the organization's learners, staff, and the guardians of its learners.
      return sql`(
        exists (select 1 from people.enrolments e
                where e.person_id = ${person} and e.ended_on is null and e.organization_id = ${territory.organizationId})
        or exists (select 1 from people.employments m
                where m.person_id = ${person} and m.ended_on is null and m.organization_id = ${territory.organizationId})
        or exists (select 1 from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
                where gs.guardian_id = ${person} and e.ended_on is null and e.organization_id = ${territory.organizationId})
        or ${qualified(persons.registeredByOrganizationId)} = ${territory.organizationId})`;
    case 'CLASS': {
      const members = sql`exists (select 1 from people.enrolments e
        where e.person_id = ${person} and e.ended_on is null and e.class_id = ${territory.classId})`;
      // The class teacher also reaches the class's parents (DOMAIN.md roles: "its students' contacts and parents").
      if (grant.role !== 'CLASS_TEACHER') return members;
      return sql`(${members} or exists (select 1 from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
        where gs.guardian_id = ${person} and e.ended_on is null and e.class_id = ${territory.classId}))`;
    }
    case 'CHILDREN':
      return territory.personIds.length === 0 ? FALSE : sql`${person} in ${territory.personIds}`;
    case 'SELF':
      return FALSE; // the principal's own row comes from the self rule of `PolicyBase.rowsWith`
    default:
      return assertNever(territory);
  }
}

const staffOf = (organization: SQL | string) => sql`exists (select 1 from people.employments m
  where m.person_id = ${PERSON_ID} and m.ended_on is null and m.organization_id = ${organization})`;

/**
 * A child who applied to, or holds a contract with, the organization's extra-education programmes, while
 * the link extra-education told people lasts (`people.extra_education_links`; until the region's date
 * passes `visible_until`): the organization names the children on its applications and contracts.
 */
const extraEducationApplicant = (
  organizationId: string,
  today: string,
) => sql`exists (select 1 from people.extra_education_links l
  where l.person_id = ${PERSON_ID} and l.organization_id = ${organizationId}
    and (l.visible_until is null or l.visible_until >= ${today}::date))`;

/**
 * Whose names (`person:read` only — never their personal data) a grant reaches beyond `personsUnderGrant`:
 * - the learners who have left a class or organization: their marks stay in the journal and the movement
 *   book, and a row without a name would blank the whole list (the name is non-null in the graph);
 * - the staff of the school a teacher, a learner or a learner's parent is in: the teacher of a lesson and
 *   a substitute are named in the diary and the schedule, as on any school's website;
 * - an organization's extra-education applicants and contracted children (`extraEducationApplicant`).
 */
function namesUnderGrant(grant: Grant, self: string | null, today: string): SQL | null {
  const person = PERSON_ID;
  const territory = grant.territory;
  switch (territory.kind) {
    case 'CLASS':
      return sql`(exists (select 1 from people.enrolments e where e.person_id = ${person} and e.class_id = ${territory.classId})
        or ${staffOf(territory.organizationId)})`;
    case 'ORGANIZATION':
      return sql`(exists (select 1 from people.enrolments e
        where e.person_id = ${person} and e.organization_id = ${territory.organizationId})
        or ${extraEducationApplicant(territory.organizationId, today)})`;
    case 'CHILDREN':
      return territory.personIds.length === 0
        ? null
        : sql`exists (select 1 from people.employments m join people.enrolments e on e.organization_id = m.organization_id
            where m.person_id = ${person} and m.ended_on is null and e.ended_on is null and e.person_id in ${territory.personIds})`;
    case 'SELF':
      return grant.role === 'STUDENT' && self
        ? sql`exists (select 1 from people.employments m join people.enrolments e on e.organization_id = m.organization_id
            where m.person_id = ${person} and m.ended_on is null and e.ended_on is null and e.person_id = ${self})`
        : null;
    case 'REGION':
    case 'MUNICIPALITY':
      return null;
    default:
      return assertNever(territory);
  }
}

function organizationsUnderGrant(grant: Grant): SQL {
  const organization = ORGANIZATION_ID;
  const territory = grant.territory;
  switch (territory.kind) {
    case 'REGION':
      return TRUE;
    case 'MUNICIPALITY':
      return sql`${qualified(organizations.municipalityId)} = ${territory.municipalityId}`;
    case 'ORGANIZATION':
    case 'CLASS':
      return sql`${organization} = ${territory.organizationId}`;
    case 'CHILDREN':
      return territory.personIds.length === 0
        ? FALSE
        : sql`exists (select 1 from people.enrolments e where e.organization_id = ${organization}
            and e.ended_on is null and e.person_id in ${territory.personIds})`;
    case 'SELF':
      return FALSE;
    default:
      return assertNever(territory);
  }
}

export class PeoplePolicy extends PolicyBase {
  /** The subgraph's clock: the region's today decides how long an extra-education link names a child. */
  constructor(
    principal: Principal,
    readonly now: () => Date = () => new Date(),
  ) {
    super(principal);
  }

  /**
   * Persons over which the principal holds `scope`, as a predicate on `people.persons`: one grant at a
   * time (`personsUnderGrant`, and for names `namesUnderGrant`), and the own card by the self rule.
   */
  personsWithScope(scope: Scope): SQL {
    return this.rowsWith(scope, this.personsUnder(scope), (me) => sql`${PERSON_ID} = ${me}`);
  }

  /**
   * The same rule as `personsWithScope`, answering which grant reaches the person (`PolicyBase.grantReaching`):
   * true exactly when `personsWithScope` is, and names the grant the personal-data access log records.
   */
  personsGrantWith(scope: Scope): SQL<number | null> {
    return this.grantReaching(scope, this.personsUnder(scope), (me) => sql`${PERSON_ID} = ${me}`);
  }

  private personsUnder(scope: Scope) {
    return (grant: Grant): SQL => {
      const names = scope === 'person:read' ? namesUnderGrant(grant, this.personId, regionToday(this.now)) : null;
      return names ? anyOf([personsUnderGrant(grant), names]) : personsUnderGrant(grant);
    };
  }

  /** The principal themself or one of their linked children: the family a depersonalized link is shown to. */
  isFamilyOf(personId: string): boolean {
    if (this.personId === personId) return true;
    return this.grantsWith('person:read').some(
      (grant) => grant.territory.kind === 'CHILDREN' && grant.territory.personIds.includes(personId),
    );
  }

  /** Organizations over which the principal holds `scope`, as a predicate on `people.organizations`. */
  organizationsWithScope(scope: Scope): SQL {
    return this.rowsWith(scope, organizationsUnderGrant);
  }

  /**
   * Organizations whose figures about their people (counts, never rows) the principal may see: those under
   * `aggregate:read` (coordinators, the region, the ministry), and an organization whose cards the principal
   * reads whole — an org admin's own (their `pii:read` reaches its learners and staff). A teacher's class
   * or a guardian's children are not the organization, so they get no organization figures.
   */
  organizationsWithFigures(): SQL {
    return anyOf([
      this.rowsWith('aggregate:read', organizationsUnderGrant),
      this.rowsWith('pii:read', (grant) =>
        grant.territory.kind === 'ORGANIZATION' ? organizationsUnderGrant(grant) : null,
      ),
    ]);
  }
}
