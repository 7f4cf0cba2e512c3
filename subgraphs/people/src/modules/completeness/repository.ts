/**
 * Completeness figures (DOMAIN.md rules 7 and 21, seed 002 «Контроль заполнения данных»): for a batch of
 * organizations or municipalities, how many current learners' and staff cards miss each mandatory field —
 * one indexed statement over the counts the database keeps per organization with the same checks as
 * `Person.missingFields` (`counting.ts`, issue 13 §4), never rows fetched and counted here. Whether the
 * principal may see a group's figures is computed in the same statement.
 */
import { qualified, tables, type Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import { MANDATORY_FIELDS, type MandatoryField } from '../persons/mandatory-fields.ts';
import type { PeoplePolicy } from '../../policy.ts';
import { gapColumn, type CountedKind } from './counting.ts';

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
  // The counts are kept per organization by the database (`counting.ts`); a group sums its organizations'.
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
