/**
 * Completeness figures per organization and municipality (DOMAIN.md rules 7 and 21): counts of cards missing
 * mandatory fields, for the territory's coordinators, the region, the ministry (aggregates only) and the
 * organization's own admin — refused to everyone else; one statement for a page of organizations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;
let foreignSchool: string;
let municipality: string;
let foreignMunicipality: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
  foreignSchool = await organizationOf(platform, 'admin2');
  const rows = await platform.admin.sql<{ id: string; municipality_id: string }[]>`
    select id, municipality_id from people.organizations where id in (${school}, ${foreignSchool})`;
  municipality = rows.find((row) => row.id === school)!.municipality_id;
  foreignMunicipality = rows.find((row) => row.id === foreignSchool)!.municipality_id;
});
afterAll(async () => {
  await platform?.stop();
});

type Figures = {
  students: number;
  studentsWithGaps: number;
  studentsCompletePercent: number | null;
  staff: number;
  staffWithGaps: number;
  gaps: { field: string; students: number; staff: number }[];
};
const FIGURES = 'students studentsWithGaps studentsCompletePercent staff staffWithGaps gaps { field students staff }';

const ORGANIZATION = `query ($id: ID!) { organization(id: $id) { dataCompleteness { ${FIGURES} } } }`;
const MUNICIPALITY = `{ municipalities { id dataCompleteness { ${FIGURES} } } }`;

type OrganizationResult = { organization: { dataCompleteness: Figures | null } | null };
type MunicipalitiesResult = { municipalities: { id: string; dataCompleteness: Figures | null }[] };

function organizationFigures(login: string, id: string) {
  return platform.query<OrganizationResult>({ login }, ORGANIZATION, { id });
}

function expectFigures(result: GraphQLResponse<OrganizationResult>): Figures {
  expectOk(result);
  const figures = result.data?.organization?.dataCompleteness;
  expect(figures).toBeTruthy();
  return figures!;
}

function expectRefused(result: GraphQLResponse<OrganizationResult>): void {
  expectCode(result, 'FORBIDDEN');
  expect(result.data?.organization?.dataCompleteness ?? null).toBeNull();
}

describe('organization completeness', () => {
  it("counts the school's learners and staff with gaps, per field, for its municipal coordinator", async () => {
    const figures = expectFigures(await organizationFigures('coordinator', school));
    expect(figures.students).toBeGreaterThan(100);
    expect(figures.staff).toBeGreaterThan(5);
    expect(figures.studentsWithGaps).toBeGreaterThan(0);
    expect(figures.studentsWithGaps).toBeLessThan(figures.students);
    expect(figures.studentsCompletePercent).toBe(
      Math.round(((figures.students - figures.studentsWithGaps) / figures.students) * 1000) / 10,
    );
    // Every field with a gap is listed, the largest first, and no field counts more cards than have gaps.
    expect(figures.gaps.length).toBeGreaterThan(0);
    const totals = figures.gaps.map((gap) => gap.students + gap.staff);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (const gap of figures.gaps) {
      expect(gap.students).toBeLessThanOrEqual(figures.studentsWithGaps);
      expect(gap.staff).toBeLessThanOrEqual(figures.staffWithGaps);
    }
  });

  it('follows a card: a learner losing the place of birth adds one card with a gap', async () => {
    const [learner] = await platform.admin.sql<{ id: string }[]>`
      select p.id from people.persons p join people.enrolments e on e.person_id = p.id and e.ended_on is null
      where e.organization_id = ${school} and p.merged_into is null
        and p.last_name <> '' and p.first_name <> '' and p.birth_date is not null and p.sex is not null
        and coalesce(p.document_number, '') <> '' and coalesce(p.citizenship, '') <> ''
        and coalesce(p.place_of_birth, '') <> '' and coalesce(p.registration_address, '') <> ''
        and coalesce(p.residence_address, '') <> '' and coalesce(p.education_form, '') <> ''
        and coalesce(p.snils, '') <> '' and p.movement_first is not null
      limit 1`;
    expect(learner).toBeTruthy();
    const before = expectFigures(await organizationFigures('admin', school));
    await platform.admin.sql`update people.persons set place_of_birth = null where id = ${learner!.id}`;
    const after = expectFigures(await organizationFigures('admin', school));
    expect(after.studentsWithGaps).toBe(before.studentsWithGaps + 1);
    const placeOfBirth = (figures: Figures) =>
      figures.gaps.find((gap) => gap.field === 'PLACE_OF_BIRTH')?.students ?? 0;
    expect(placeOfBirth(after)).toBe(placeOfBirth(before) + 1);
  });

  it('gives the region and the ministry every organization, and the org admin their own', async () => {
    for (const login of ['operator', 'analyst']) {
      for (const id of [school, foreignSchool]) expectFigures(await organizationFigures(login, id));
    }
    expectFigures(await organizationFigures('admin', school));
    expectFigures(await organizationFigures('admin2', foreignSchool));
  });

  it("refuses another municipality's school to the coordinator and another school to an admin", async () => {
    expectRefused(await organizationFigures('coordinator', foreignSchool));
    expectRefused(await organizationFigures('admin', foreignSchool));
    expectRefused(await organizationFigures('admin2', school));
  });

  it("refuses a teacher, a guardian and a student their own school's figures", async () => {
    for (const login of ['teacher', 'class-teacher', 'guardian', 'student']) {
      expectRefused(await organizationFigures(login, school));
    }
  });

  it('keeps the rest of a list when one row is refused', async () => {
    const result = await platform.query<{
      organizations: { edges: { node: { id: string; dataCompleteness: Figures | null } }[] };
    }>(
      { login: 'coordinator' },
      `{ organizations(first: 50) { edges { node { id dataCompleteness { students } } } } }`,
    );
    expectCode(result, 'FORBIDDEN');
    const nodes = result.data!.organizations.edges.map((edge) => edge.node);
    expect(nodes.find((node) => node.id === school)?.dataCompleteness?.students).toBeGreaterThan(0);
    expect(nodes.find((node) => node.id === foreignSchool)?.dataCompleteness).toBeNull();
  });
});

describe('municipality completeness', () => {
  it("sums the municipality's organizations for its coordinator and refuses the other municipality", async () => {
    const result = await platform.query<MunicipalitiesResult>({ login: 'coordinator' }, MUNICIPALITY);
    expectCode(result, 'FORBIDDEN');
    const own = result.data!.municipalities.find((row) => row.id === municipality)!.dataCompleteness!;
    const schoolFigures = expectFigures(await organizationFigures('coordinator', school));
    expect(own.students).toBeGreaterThan(schoolFigures.students);
    expect(own.studentsWithGaps).toBeGreaterThanOrEqual(schoolFigures.studentsWithGaps);
    expect(result.data!.municipalities.find((row) => row.id === foreignMunicipality)!.dataCompleteness).toBeNull();
  });

  it('gives the ministry every municipality, and refuses an org admin', async () => {
    const analyst = await platform.query<MunicipalitiesResult>({ login: 'analyst' }, MUNICIPALITY);
    expectOk(analyst);
    expect(analyst.data!.municipalities.every((row) => row.dataCompleteness !== null)).toBe(true);
    const admin = await platform.query<MunicipalitiesResult>({ login: 'admin' }, MUNICIPALITY);
    expectCode(admin, 'FORBIDDEN');
    expect(admin.data!.municipalities.every((row) => row.dataCompleteness === null)).toBe(true);
  });

  it('shows the ministry figures but never the cards behind them', async () => {
    const result = await platform.query<{ persons: { totalCount: number } }>(
      { login: 'analyst' },
      'query ($org: ID!) { persons(filter: { organizationId: $org, hasMissingFields: true }) { totalCount } }',
      { org: school },
    );
    expect(result.data?.persons?.totalCount ?? 0).toBe(0);
  });
});

describe('organizations list', () => {
  it('finds organizations by a part of the name and counts the matches', async () => {
    const result = await platform.query<{
      organizations: { totalCount: number; edges: { node: { shortName: string } }[] };
    }>(
      { login: 'coordinator' },
      'query ($m: ID!) { organizations(filter: { municipalityId: $m, name: "лицей" }) { totalCount edges { node { shortName } } } }',
      { m: municipality },
    );
    expectOk(result);
    expect(result.data!.organizations.totalCount).toBe(result.data!.organizations.edges.length);
    expect(result.data!.organizations.edges.length).toBeGreaterThan(0);
    for (const edge of result.data!.organizations.edges) expect(edge.node.shortName).toMatch(/лицей/i);
  });

  it('runs the same statements for a page of 3 and of 12 organizations with their figures', async () => {
    const QUERY = `query ($first: Int!) { organizations(first: $first) { totalCount edges { node {
      shortName dataCompleteness { students studentsWithGaps staff gaps { field students } }
      municipality { name dataCompleteness { students } }
    } } } }`;
    const runs: string[][] = [];
    for (const first of [3, 12]) {
      runs.push(
        await platform.recordStatements(async () => {
          const result = await platform.query<{ organizations: { edges: unknown[] } }>({ login: 'operator' }, QUERY, {
            first,
          });
          expectOk(result);
          expect(result.data?.organizations.edges).toHaveLength(first);
        }),
      );
    }
    // The same statements for both sizes; only the length of `in ($1, $2, …)` lists may differ.
    const shape = (statements: string[]) =>
      [...new Set(statements.map((s) => s.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)*\)/g, '(…)')))].sort();
    expect(shape(runs[1]!)).toEqual(shape(runs[0]!));
    // The page, its count, the organizations' figures, the municipalities and their figures.
    for (const statements of runs) expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(5);
  });
});
