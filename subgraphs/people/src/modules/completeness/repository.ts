/**
 * Completeness figures (DOMAIN.md rules 7 and 21, seed 002 «Контроль заполнения данных»): for a batch of
 * organizations or municipalities, how many current learners' and staff cards miss each mandatory field —
 * one statement, counted in SQL with the same checks as `Person.missingFields`, never rows fetched and
 * counted here. Whether the principal may see a group's figures is computed in the same statement.
 */
import { qualified, tables, type Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import { MANDATORY_FIELDS, type MandatoryField } from '../persons/mandatory-fields.ts';
import { checksOfKind } from '../persons/repository.ts';
import type { PeoplePolicy } from '../../policy.ts';

const { organizations } = tables;

export type CompletenessGroup = 'organization' | 'municipality';

const GROUP_KEY: Readonly<Record<CompletenessGroup, SQL>> = {
  organization: qualified(organizations.id),
  municipality: qualified(organizations.municipalityId),
};

type CountedKind = 'STUDENT' | 'STAFF';

const column = (field: MandatoryField) => sql.identifier(`gap_${field.toLowerCase()}`);

/** One boolean per mandatory field (false where the kind does not need it) and whether any is missing. */
function gapColumns(kind: CountedKind): SQL {
  const checks = checksOfKind(kind);
  const missing = new Map(checks.map((check) => [check.field, check.missingSql]));
  return sql.join(
    [
      sql`(${sql.join(
        checks.map((check) => check.missingSql),
        sql` or `,
      )}) as any_gap`,
      ...MANDATORY_FIELDS.map((field) => sql`(${missing.get(field) ?? sql`false`}) as ${column(field)}`),
    ],
    sql`, `,
  );
}

export interface FieldGaps {
  field: MandatoryField;
  students: number;
  staff: number;
}

export interface Completeness {
  key: string;
  /** May the principal see these figures? Otherwise the field is refused. */
  allowed: boolean;
  students: number;
  studentsWithGaps: number;
  staff: number;
  staffWithGaps: number;
  gaps: FieldGaps[];
}

type Row = { key: string; allowed: boolean; kind: CountedKind | null; cards: number; with_gaps: number } & Record<
  string,
  unknown
>;

export async function completenessOf(
  db: Executor,
  policy: PeoplePolicy,
  group: CompletenessGroup,
  keys: readonly string[],
): Promise<Completeness[]> {
  const key = GROUP_KEY[group];
  // A municipality's figures need the principal to see every one of its organizations (bool_and).
  const rows = await db.execute<Row>(sql`
    with scope as (
      select ${key} as key, ${qualified(organizations.id)} as organization_id,
        ${policy.organizationsWithFigures()} as allowed
      from people.organizations
      where ${key} in ${[...keys]}
    ),
    cards as (
      select s.key, 'STUDENT' as kind, ${gapColumns('STUDENT')}
      from scope s
      join people.enrolments e on e.organization_id = s.organization_id and e.ended_on is null
      join people.persons on people.persons.id = e.person_id
      where s.allowed and people.persons.merged_into is null
      union all
      select s.key, 'STAFF' as kind, ${gapColumns('STAFF')}
      from scope s
      join (select distinct w.organization_id, w.person_id from people.employments w where w.ended_on is null) w
        on w.organization_id = s.organization_id
      join people.persons on people.persons.id = w.person_id
      where s.allowed and people.persons.merged_into is null
    )
    select k.key, k.allowed, c.kind, count(c.kind)::int as cards,
      (count(*) filter (where c.any_gap))::int as with_gaps,
      ${sql.join(
        MANDATORY_FIELDS.map((field) => sql`(count(*) filter (where c.${column(field)}))::int as ${column(field)}`),
        sql`, `,
      )}
    from (select key, bool_and(allowed) as allowed from scope group by key) k
    left join cards c on c.key = k.key
    group by k.key, k.allowed, c.kind`);
  return summarize(rows);
}

function summarize(rows: readonly Row[]): Completeness[] {
  const byKey = new Map<string, Completeness>();
  const perField = new Map<string, Map<MandatoryField, FieldGaps>>();
  for (const row of rows) {
    const figures = byKey.get(row.key) ?? {
      key: row.key,
      allowed: row.allowed,
      students: 0,
      studentsWithGaps: 0,
      staff: 0,
      staffWithGaps: 0,
      gaps: [],
    };
    byKey.set(row.key, figures);
    if (row.kind === null) continue;
    const fields = perField.get(row.key) ?? new Map<MandatoryField, FieldGaps>();
    perField.set(row.key, fields);
    if (row.kind === 'STUDENT') {
      figures.students = row.cards;
      figures.studentsWithGaps = row.with_gaps;
    } else {
      figures.staff = row.cards;
      figures.staffWithGaps = row.with_gaps;
    }
    for (const field of MANDATORY_FIELDS) {
      const count = Number(row[`gap_${field.toLowerCase()}`] ?? 0);
      if (count === 0) continue;
      const gaps = fields.get(field) ?? { field, students: 0, staff: 0 };
      fields.set(field, gaps);
      if (row.kind === 'STUDENT') gaps.students = count;
      else gaps.staff = count;
    }
  }
  for (const [key, fields] of perField) {
    const order = (field: MandatoryField) => MANDATORY_FIELDS.indexOf(field);
    byKey.get(key)!.gaps = [...fields.values()].sort(
      (a, b) => b.students + b.staff - (a.students + a.staff) || order(a.field) - order(b.field),
    );
  }
  return [...byKey.values()];
}

/** Share of complete cards, %, one decimal; null when there are no cards. */
export function completePercent(cards: number, withGaps: number): number | null {
  return cards === 0 ? null : Math.round(((cards - withGaps) / cards) * 1000) / 10;
}
