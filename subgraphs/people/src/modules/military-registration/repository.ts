/**
 * Reads of the ГИР ВУ list (DOMAIN.md rules 14 and 22): learners with a current enrolment at a school or college,
 * born in the cohort's year, Russian citizens or of unknown citizenship, at organizations over which the principal
 * holds `military:read` — all decided in SQL. Learners without a consent to processing (rule 5) are only counted
 * (`withheld`): no row, no problem, no field of theirs leaves this file.
 */
import { qualified, tables, type Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { CONSENTED_SQL } from '../persons/repository.ts';
import { PROBLEM_CODES, problemColumn, RUSSIAN_CITIZENSHIP, type ProblemCode } from './rules.ts';

const { persons, organizations } = tables;

// The checks of `rules.ts` in SQL, over `people.persons` (unaliased, as the row-scope predicates name it) and
// enrolment `e`: one per problem code — the type makes every check have its SQL — so a learner's own list and
// the counts never disagree.

const P = (column: string) => sql.raw(`people.persons.${column}`);
const blankSql = (column: SQL) => sql`coalesce(btrim(${column}), '') = ''`;
const documentMissingSql = sql`(${P('document_type')} is null or ${blankSql(P('document_number'))})`;

/** Russian citizens or of unknown citizenship (`RUSSIAN_CITIZENSHIP` in `rules.ts`). */
export const RUSSIAN_OR_UNKNOWN_SQL = sql`(coalesce(btrim(${sql.raw('people.persons.citizenship')}), '') = ''
  or upper(btrim(${sql.raw('people.persons.citizenship')})) in ${RUSSIAN_CITIZENSHIP})`;

/**
 * SNILS check digits in SQL, the same rule as `isValidSnils` (`@region/schema`): eleven digits once spaces and
 * dashes are dropped; numbers up to 001-001-998 carry no check digits; otherwise Σ digit·(9…1) mod 101, 100 → 00.
 * `case` keeps the casts away from values that are not digits.
 */
const SNILS_DIGITS = sql`regexp_replace(${P('snils')}, '[[:space:]-]', '', 'g')`;
export const SNILS_VALID_SQL = sql`(case
  when ${SNILS_DIGITS} !~ '^[0-9]{11}$' then false
  when substr(${SNILS_DIGITS}, 1, 9)::int <= 1001998 then true
  else (${sql.join(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => sql`substr(${SNILS_DIGITS}, ${sql.raw(`${i}, 1)::int * ${10 - i}`)}`),
    sql` + `,
  )}) % 101 % 100 = substr(${SNILS_DIGITS}, 10, 2)::int end)`;

const PROBLEM_SQL: Readonly<Record<ProblemCode, SQL>> = {
  SNILS_MISSING: blankSql(P('snils')),
  SNILS_INVALID: sql`(not ${blankSql(P('snils'))} and not ${SNILS_VALID_SQL})`,
  DOCUMENT_MISSING: documentMissingSql,
  DOCUMENT_NOT_PASSPORT: sql`(not ${documentMissingSql} and ${P('document_type')} <> 'RF_PASSPORT')`,
  DOCUMENT_INVALID: sql`(not ${documentMissingSql} and ${P('document_type')} = 'RF_PASSPORT'
      and not (coalesce(${P('document_series')}, '') ~ '^[0-9]{4}$' and ${P('document_number')} ~ '^[0-9]{6}$'))`,
  DOCUMENT_ISSUE_DATE_MISSING: sql`(not ${documentMissingSql} and ${P('document_issued_on')} is null)`,
  SEX_MISSING: sql`${P('sex')} is null`,
  CITIZENSHIP_MISSING: blankSql(P('citizenship')),
  PLACE_OF_BIRTH_MISSING: blankSql(P('place_of_birth')),
  REGISTRATION_ADDRESS_MISSING: blankSql(P('registration_address')),
  CLASS_MISSING: blankSql(sql.raw('e.class_name')),
};

/** One boolean column per problem, `problem_<code>`, for the counts. */
function problemColumnsSql(): SQL {
  return sql.join(
    PROBLEM_CODES.map((code) => sql`(${PROBLEM_SQL[code]}) as ${sql.identifier(problemColumn(code))}`),
    sql`, `,
  );
}

/** "Some problem", for `onlyWithProblems`. */
function anyProblemSql(): SQL {
  return sql`(${sql.join(
    PROBLEM_CODES.map((code) => PROBLEM_SQL[code]),
    sql` or `,
  )})`;
}

/** Whose list: the cohort's birth dates and the principal's territory, narrowed by the caller's filter. */
export interface RegistrationScope {
  year: number;
  birthYear: number;
  bornFrom: string;
  bornTo: string;
  organizationId: string | null;
  municipalityId: string | null;
  policy: PeoplePolicy;
}

/** `from … where …` of the cohort in scope, consented or not. */
function cohortFrom(scope: RegistrationScope): SQL {
  return sql`from people.enrolments e
    join people.persons on ${qualified(persons.id)} = e.person_id
    join people.organizations on ${qualified(organizations.id)} = e.organization_id
    where e.ended_on is null
      and ${qualified(organizations.type)} in ('SCHOOL', 'COLLEGE')
      and ${qualified(persons.mergedInto)} is null
      and ${qualified(persons.birthDate)} between ${scope.bornFrom}::date and ${scope.bornTo}::date
      and ${RUSSIAN_OR_UNKNOWN_SQL}
      and ${scope.policy.organizationsWithScope('military:read')}
      ${scope.organizationId ? sql`and ${qualified(organizations.id)} = ${scope.organizationId}` : sql``}
      ${scope.municipalityId ? sql`and ${qualified(organizations.municipalityId)} = ${scope.municipalityId}` : sql``}`;
}

export interface LearnerRow {
  personId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  sex: 'MALE' | 'FEMALE' | null;
  snils: string | null;
  citizenship: string | null;
  placeOfBirth: string | null;
  registrationAddress: string | null;
  residenceAddress: string | null;
  documentType: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE' | 'FOREIGN_PASSPORT' | null;
  documentSeries: string | null;
  documentNumber: string | null;
  documentIssuedOn: string | null;
  organizationId: string;
  organizationName: string;
  organizationInn: string;
  municipalityName: string;
  className: string | null;
  /** The keyset of the list's order: organization, class, name, id. */
  sortOrganization: string;
  sortClass: string;
  sortName: string;
}

export interface LearnerKey {
  organization: string;
  organizationId: string;
  className: string;
  name: string;
  id: string;
}

const LEARNER_COLUMNS = sql`${qualified(persons.id)} as "personId",
  ${qualified(persons.lastName)} as "lastName", ${qualified(persons.firstName)} as "firstName",
  ${qualified(persons.middleName)} as "middleName", ${qualified(persons.birthDate)}::text as "birthDate",
  ${qualified(persons.sex)} as "sex", ${qualified(persons.snils)} as "snils",
  ${qualified(persons.citizenship)} as "citizenship", ${qualified(persons.placeOfBirth)} as "placeOfBirth",
  ${qualified(persons.registrationAddress)} as "registrationAddress",
  ${qualified(persons.residenceAddress)} as "residenceAddress",
  ${qualified(persons.documentType)} as "documentType", ${qualified(persons.documentSeries)} as "documentSeries",
  ${qualified(persons.documentNumber)} as "documentNumber",
  ${qualified(persons.documentIssuedOn)}::text as "documentIssuedOn",
  ${qualified(organizations.id)} as "organizationId", ${qualified(organizations.shortName)} as "organizationName",
  ${qualified(organizations.inn)} as "organizationInn",
  (select m.name from people.municipalities m where m.id = ${qualified(organizations.municipalityId)}) as "municipalityName",
  e.class_name as "className",
  ${qualified(organizations.shortName)} as "sortOrganization", coalesce(e.class_name, '') as "sortClass",
  ${qualified(persons.normalizedName)} as "sortName"`;

const ORDER = sql`(${qualified(organizations.shortName)}, ${qualified(organizations.id)}, coalesce(e.class_name, ''),
  ${qualified(persons.normalizedName)}, ${qualified(persons.id)})`;

export const learnerKeyOf = (row: LearnerRow): LearnerKey => ({
  organization: row.sortOrganization,
  organizationId: row.organizationId,
  className: row.sortClass,
  name: row.sortName,
  id: row.personId,
});

function learnersWhere(scope: RegistrationScope, onlyWithProblems: boolean): SQL {
  return sql`${cohortFrom(scope)} and ${CONSENTED_SQL} ${onlyWithProblems ? sql`and ${anyProblemSql()}` : sql``}`;
}

/** A page of the consented learners, by organization, class and name; `limit` one more than asked. */
export async function listLearners(
  db: Executor,
  scope: RegistrationScope,
  options: { onlyWithProblems: boolean; after: LearnerKey | null; limit: number },
): Promise<LearnerRow[]> {
  const after = options.after
    ? sql`and ${ORDER} > (${options.after.organization}::text, ${options.after.organizationId}::uuid,
        ${options.after.className}::text, ${options.after.name}::text, ${options.after.id}::uuid)`
    : sql``;
  return db.execute<LearnerRow & Record<string, unknown>>(sql`select ${LEARNER_COLUMNS}
    ${learnersWhere(scope, options.onlyWithProblems)} ${after}
    order by ${ORDER} limit ${options.limit}`);
}

export async function countLearners(
  db: Executor,
  scope: RegistrationScope,
  onlyWithProblems: boolean,
): Promise<number> {
  const [row] = await db.execute<{ count: number }>(
    sql`select count(*)::int as count ${learnersWhere(scope, onlyWithProblems)}`,
  );
  return row?.count ?? 0;
}

export interface Figures {
  key: string;
  name: string;
  /** Consented learners: listed and sent. */
  learners: number;
  learnersWithProblems: number;
  /** Learners without a consent to processing: counted, never listed (rule 5). */
  withheld: number;
  problems: { code: ProblemCode; count: number }[];
}

export type FiguresGroup = 'organization' | 'municipality' | 'total';

const GROUP_KEY: Readonly<Record<FiguresGroup, { key: SQL; name: SQL }>> = {
  organization: { key: qualified(organizations.id), name: qualified(organizations.shortName) },
  municipality: {
    key: qualified(organizations.municipalityId),
    name: sql`(select m.name from people.municipalities m where m.id = ${qualified(organizations.municipalityId)})`,
  },
  total: { key: sql`''`, name: sql`''` },
};

export interface FiguresPage {
  after: { name: string; key: string } | null;
  limit: number;
}

/**
 * Counts per organization, per municipality or in total, in one statement. Problems are counted over consented
 * learners only: a depersonalized learner's missing SNILS is not the principal's to learn (rule 5).
 */
export async function figures(
  db: Executor,
  scope: RegistrationScope,
  group: FiguresGroup,
  page: FiguresPage | null = null,
): Promise<Figures[]> {
  const { key, name } = GROUP_KEY[group];
  const after = page?.after ? sql`where (c.name, c.key) > (${page.after.name}::text, ${page.after.key}::text)` : sql``;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.key, c.name,
      (count(*) filter (where c.consented))::int as learners,
      (count(*) filter (where c.consented and c.any_problem))::int as with_problems,
      (count(*) filter (where not c.consented))::int as withheld,
      ${sql.join(
        PROBLEM_CODES.map(
          (code) =>
            sql`(count(*) filter (where c.consented and c.${sql.identifier(problemColumn(code))}))::int as ${sql.identifier(problemColumn(code))}`,
        ),
        sql`, `,
      )}
    from (
      select (${key})::text as key, ${name} as name, ${CONSENTED_SQL} as consented,
        ${anyProblemSql()} as any_problem, ${problemColumnsSql()}
      ${cohortFrom(scope)}
    ) c
    ${after}
    group by c.key, c.name
    order by c.name, c.key
    ${page ? sql`limit ${page.limit}` : sql``}`);
  return rows.map((row) => ({
    key: String(row['key']),
    name: String(row['name']),
    learners: Number(row['learners']),
    learnersWithProblems: Number(row['with_problems']),
    withheld: Number(row['withheld']),
    problems: PROBLEM_CODES.map((code) => ({ code, count: Number(row[problemColumn(code)]) })).filter(
      (problem) => problem.count > 0,
    ),
  }));
}

/** May the principal read the list of this organization? (A filter outside the territory is refused.) */
export async function organizationInScope(db: Executor, policy: PeoplePolicy, organizationId: string) {
  const [row] = await db.execute<{
    allowed: boolean;
  }>(sql`select ${policy.organizationsWithScope('military:read')} as allowed
    from people.organizations where ${qualified(organizations.id)} = ${organizationId}`);
  return row?.allowed === true;
}
