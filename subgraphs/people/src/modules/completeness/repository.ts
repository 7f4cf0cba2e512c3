/**
 * Completeness figures (DOMAIN.md rules 7 and 21, seed 002 «Контроль заполнения данных»): for a batch of
 * organizations or municipalities, how many current learners' and staff cards miss each mandatory field —
 * one indexed statement over the counts the database keeps per organization with the same checks as
 * `Person.missingFields` (issue 13 §4), never rows fetched and counted here. Whether the
 * principal may see a group's figures is computed in the same statement.
 *
 * The counts' SQL (issue 13 §4, architecture.md «Completeness counts»): how many current
 * learners' and staff cards of an organization miss each mandatory field, with the same checks as
 * `Person.missingFields` (`checksOfKind`). The counts live in `people.completeness_counts`, recounted in the
 * writing transaction, as it commits, by the triggers of migration `completeness_triggers`; the two PL/pgSQL functions that hold
 * checks are the text rendered here — a test compares the database's functions with this rendering, so a
 * changed check fails until a migration installs it (`npm run completeness:sql -w @region/people` prints it).
 */
import { qualified, tables, type Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { MANDATORY_FIELDS, type MandatoryField } from '../persons/mandatory-fields.ts';
import { checksOfKind } from '../persons/repository.ts';
import type { PeoplePolicy } from '../../policy.ts';

export type CountedKind = 'STUDENT' | 'STAFF';

export const gapColumn = (field: MandatoryField) => `gap_${field.toLowerCase()}`;

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
      ...MANDATORY_FIELDS.map(
        (field) => sql`(${missing.get(field) ?? sql`false`}) as ${sql.identifier(gapColumn(field))}`,
      ),
    ],
    sql`, `,
  );
}

/**
 * The counts of the organizations `targets` picks, one row per organization and kind (zeros included):
 * current enrolments' and current employments' live cards, a person employed twice counted once.
 */
function countsSelect(targets: (organizationId: SQL) => SQL): SQL {
  return sql`with cards as (
      select e.organization_id, 'STUDENT' as kind, ${gapColumns('STUDENT')}
      from people.enrolments e
      join people.persons on ${qualified(tables.persons.id)} = e.person_id
      where ${targets(sql`e.organization_id`)} and e.ended_on is null and people.persons.merged_into is null
      union all
      select w.organization_id, 'STAFF' as kind, ${gapColumns('STAFF')}
      from (select distinct w.organization_id, w.person_id from people.employments w
        where ${targets(sql`w.organization_id`)} and w.ended_on is null) w
      join people.persons on ${qualified(tables.persons.id)} = w.person_id
      where people.persons.merged_into is null
    )
    select o.id as organization_id, k.kind, count(c.kind)::int as cards,
      (count(*) filter (where c.any_gap))::int as with_gaps,
      ${sql.join(
        MANDATORY_FIELDS.map(
          (field) =>
            sql`(count(*) filter (where c.${sql.identifier(gapColumn(field))}))::int as ${sql.identifier(gapColumn(field))}`,
        ),
        sql`, `,
      )}
    from people.organizations o
    cross join (values ('STUDENT'), ('STAFF')) k(kind)
    left join cards c on c.organization_id = o.id and c.kind = k.kind
    where ${targets(sql`o.id`)}
    group by o.id, k.kind`;
}

export type CountsRow = { organization_id: string; kind: CountedKind; cards: number; with_gaps: number } & Record<
  string,
  number | string
>;

/** The counts computed now from the cards (the statement the page ran before issue 13): for tests. */
export function liveCounts(db: Executor, organizationIds: readonly string[]): Promise<CountsRow[]> {
  return db.execute<CountsRow>(countsSelect((id) => sql`${id} in ${[...organizationIds]}`)) as Promise<CountsRow[]>;
}

const dialect = new PgDialect();

function render(fragment: SQL): string {
  const query = dialect.sqlToQuery(fragment);
  if (query.params.length > 0) throw new Error('completeness: a check must be constant SQL to live in a function');
  return query.sql;
}

const COUNT_COLUMNS = ['cards', 'with_gaps', ...MANDATORY_FIELDS.map(gapColumn)];

/**
 * The body of `people.completeness_recount(target_ids uuid[])`, which a transaction runs once as it commits
 * for every organization it touched. The organizations' count rows are made if missing, then locked in one
 * order before they are counted: under READ COMMITTED the counting statement that follows a lock wait takes a
 * new snapshot, so it sees the card another transaction changed and committed meanwhile — two transactions
 * editing cards of one organization never leave counts made from a stale snapshot (write skew), and as each
 * transaction takes all its locks in one statement, in one order, two never deadlock on them.
 */
export function recountFunctionBody(): string {
  const targets = (id: SQL) => sql`${id} = any(target_ids)`;
  return `
begin
  if coalesce(cardinality(target_ids), 0) = 0 then
    return;
  end if;
  insert into people.completeness_counts (organization_id, kind)
    select o.id, k.kind from people.organizations o cross join (values ('STUDENT'), ('STAFF')) k(kind)
    where o.id = any(target_ids)
    on conflict do nothing;
  perform 1 from people.completeness_counts c where c.organization_id = any(target_ids)
    order by c.organization_id, c.kind for update;
  insert into people.completeness_counts as t (organization_id, kind, ${COUNT_COLUMNS.join(', ')})
    ${render(countsSelect(targets))}
  on conflict (organization_id, kind) do update set
    ${COUNT_COLUMNS.map((name) => `${name} = excluded.${name}`).join(',\n    ')}
  where (${COUNT_COLUMNS.map((name) => `t.${name}`).join(', ')})
    is distinct from (${COUNT_COLUMNS.map((name) => `excluded.${name}`).join(', ')});
end
`;
}

/** The columns of `people.persons` the checks read (a change elsewhere — a login, `updated_at` — counts nothing). */
export function checkedPersonColumns(): string[] {
  const columns = new Set<string>(['merged_into']);
  for (const kind of ['STUDENT', 'STAFF'] as const) {
    for (const check of checksOfKind(kind)) {
      for (const match of render(check.missingSql).matchAll(/"people"\."persons"\."([a-z_]+)"/g)) {
        if (match[1] !== 'id') columns.add(match[1]!);
      }
    }
  }
  return [...columns].sort();
}

/**
 * The body of the trigger function after an update of `people.persons`: the organizations where the
 * persons whose checked columns changed are learners or staff now are recounted when the transaction commits.
 */
export function personsTriggerBody(): string {
  const columns = checkedPersonColumns();
  const row = (alias: string) => columns.map((name) => `${alias}.${name}`).join(', ');
  return `
begin
  perform people.completeness_touch(array(
    with changed as (
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (${row('o')})
        is distinct from (${row('n')})
    )
    select e.organization_id from people.enrolments e
    where e.ended_on is null and e.person_id in (select id from changed)
    union
    select w.organization_id from people.employments w
    where w.ended_on is null and w.person_id in (select id from changed)
  ));
  return null;
end
`;
}

/** The two functions as a migration installs them. */
export function completenessFunctionsSql(): string {
  return [
    `CREATE OR REPLACE FUNCTION people.completeness_recount(target_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$${recountFunctionBody()}$$;`,
    `CREATE OR REPLACE FUNCTION people.completeness_after_persons() RETURNS trigger LANGUAGE plpgsql AS $$${personsTriggerBody()}$$;`,
  ].join('\n--> statement-breakpoint\n');
}

const { organizations } = tables;

export type CompletenessGroup = 'organization' | 'municipality';

const GROUP_KEY: Readonly<Record<CompletenessGroup, SQL>> = {
  organization: qualified(organizations.id),
  municipality: qualified(organizations.municipalityId),
};

const column = (field: MandatoryField) => sql.identifier(gapColumn(field));

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
  // The counts are kept per organization by the database (above); a group sums its organizations'.
  const rows = await db.execute<Row>(sql`
    with scope as (
      select ${key} as key, ${qualified(organizations.id)} as organization_id,
        ${policy.organizationsWithFigures()} as allowed
      from people.organizations
      where ${key} in ${[...keys]}
    )
    select k.key, k.allowed, c.kind, coalesce(sum(c.cards), 0)::int as cards,
      coalesce(sum(c.with_gaps), 0)::int as with_gaps,
      ${sql.join(
        MANDATORY_FIELDS.map((field) => sql`coalesce(sum(c.${column(field)}), 0)::int as ${column(field)}`),
        sql`, `,
      )}
    from (select key, bool_and(allowed) as allowed from scope group by key) k
    left join (scope s join people.completeness_counts c on c.organization_id = s.organization_id and s.allowed)
      on s.key = k.key
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
      const count = Number(row[gapColumn(field)] ?? 0);
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
