/**
 * Extra-education coverage (DOMAIN.md rule 21, issue 11), through the gateway: people's children of 5 to 18 of
 * an area and extra-education's contracts composed into one answer. The figures equal a count made here by
 * hand in SQL over the tables — for the coordinator's municipality (demo rows included) and for a school made
 * in this file, where a child with two contracts counts once, an ended contract counts not at all, and a child
 * of 4 or of 18 is no child of the area. Access: the coordinator reads their own municipality and is refused
 * another (`FORBIDDEN`); the analyst reads numbers only; an organization's admin is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const ON = '2026-11-01';
let platform: Platform;
let municipality: string;
let otherMunicipality: string;
let school: string;
const kids: Record<'twice' | 'ended' | 'once' | 'none' | 'four' | 'eighteen', string> = {
  twice: '',
  ended: '',
  once: '',
  none: '',
  four: '',
  eighteen: '',
};

const FIGURES = `area areaId on children enrolled enrolledPercent pfdoParticipants programmes programmesWithoutEnrolment
  byDirection { direction enrolled programmes programmesWithoutEnrolment }
  certificates { total frozen actual }`;

interface Figures {
  area: string;
  areaId: string;
  on: string;
  children: number;
  enrolled: number;
  enrolledPercent: number | null;
  pfdoParticipants: number;
  programmes: number;
  programmesWithoutEnrolment: number;
  byDirection: { direction: string; enrolled: number; programmes: number; programmesWithoutEnrolment: number }[];
  certificates: { total: number; frozen: number; actual: number };
}

function expectOk(result: { errors?: unknown[] }) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}
const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

async function coverage(login: string, args: { municipalityId?: string; organizationId?: string }) {
  return platform.query<{ extraCoverage: Figures | null }>(
    { login },
    `query ($m: ID, $o: ID, $on: Date) { extraCoverage(municipalityId: $m, organizationId: $o, on: $on) { ${FIGURES} } }`,
    { m: args.municipalityId ?? null, o: args.organizationId ?? null, on: ON },
  );
}

/**
 * The hand count: children with a current enrolment (on the date) in a school, kindergarten or college of the
 * area, whose age in full years on the date is 5 to 17; enrolled = those with a contract concluded by the date
 * and not ended by it. Written with PostgreSQL's `age()`, independently of the services' SQL.
 */
async function handCount(areaSql: 'municipality' | 'organization', areaId: string, on = ON) {
  const sql = platform.admin.sql;
  const area = areaSql === 'municipality' ? sql`o.municipality_id = ${areaId}` : sql`o.id = ${areaId}`;
  const [row] = await sql<{ children: number; enrolled: number }[]>`
    with area_children as (
      select distinct p.id from people.persons p
      join people.enrolments e on e.person_id = p.id
      join people.organizations o on o.id = e.organization_id
      where ${area} and o.type <> 'EXTRA_EDUCATION' and p.merged_into is null
        and e.started_on <= ${on}::date and coalesce(e.ended_on, 'infinity') > ${on}::date
        and extract(year from age(${on}::date, p.birth_date)) between 5 and 17),
    active as (
      select distinct child_id from extra_education.contracts
      where concluded_on <= ${on}::date and coalesce(ended_on, 'infinity') > ${on}::date)
    select (select count(*) from area_children)::int as children,
      (select count(*) from area_children k join active a on a.child_id = k.id)::int as enrolled`;
  return row!;
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date(`${ON}T06:00:00Z`), principalTtlMs: 0 });
  const sql = platform.admin.sql;
  const [own] = await sql<{ municipality_id: string }[]>`
    select g.municipality_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'MUNICIPAL_COORDINATOR' and l.esia_oid = '1000000103'`;
  municipality = own!.municipality_id;
  const [other] = await sql<{ id: string }[]>`select id from people.municipalities where id <> ${municipality} limit 1`;
  otherMunicipality = other!.id;

  // A school of the coordinator's municipality with six pupils, and a centre's programme of two directions.
  const [made] = await sql<{ id: string }[]>`
    insert into people.organizations (municipality_id, type, full_name, short_name, inn)
    values (${municipality}, 'SCHOOL', 'МОУ «Школа охвата»', 'Школа охвата', '7451000000') returning id`;
  school = made!.id;
  const births = {
    twice: '2016-03-10',
    ended: '2014-05-01',
    once: '2012-11-01',
    none: '2019-07-07',
    four: '2021-11-02', // turns 5 on 2 November: 4 on the date
    eighteen: '2008-11-01', // 18 on the date: no longer a child of 5 to 18
  };
  for (const [key, birthDate] of Object.entries(births) as [keyof typeof kids, string][]) {
    const [person] = await sql<{ id: string }[]>`
      insert into people.persons (last_name, first_name, normalized_name, birth_date)
      values ('Охватов', ${key}, ${`охватов ${key}`}, ${birthDate}) returning id`;
    kids[key] = person!.id;
    await sql`insert into people.enrolments (person_id, organization_id, started_on)
      values (${person!.id}, ${school}, '2026-09-01')`;
  }
  const [centre] = await sql<{ id: string }[]>`
    select o.id from people.organizations o where o.municipality_id = ${municipality} and o.type = 'EXTRA_EDUCATION'
    order by o.short_name limit 1`;
  const programme = async (direction: string) => {
    const [row] = await sql<{ id: string }[]>`
      insert into extra_education.programmes (organization_id, name, direction, age_from, age_to, duration_months,
        hours, municipality_id, price_per_month, funding, status)
      values (${centre!.id}, ${`Охват ${direction}`}, ${direction}, 3, 18, 9, 72, ${municipality}, 1000,
        '{PAID}', 'PUBLISHED') returning id`;
    const [group] = await sql<{ id: string }[]>`
      insert into extra_education.groups (programme_id, name, capacity, starts_on, ends_on)
      values (${row!.id}, 'Группа 1', 20, '2026-09-01', '2027-05-31') returning id`;
    return group!.id;
  };
  const technical = await programme('TECHNICAL');
  const arts = await programme('ARTS');
  const contract = async (group: string, child: string, endedOn: string | null = null) => {
    const [application] = await sql<{ id: string }[]>`
      insert into extra_education.applications (group_id, organization_id, child_id, source, status)
      values (${group}, ${centre!.id}, ${child}, 'CABINET', 'ENROLLED') returning id`;
    await sql`insert into extra_education.contracts (application_id, group_id, organization_id, child_id,
        payment_method, price_per_month, concluded_on, ended_on, end_reason)
      values (${application!.id}, ${group}, ${centre!.id}, ${child}, 'PAID', 1000, '2026-09-15', ${endedOn},
        ${endedOn ? 'Отчислен по заявлению' : null})`;
  };
  await contract(technical, kids.twice);
  await contract(arts, kids.twice);
  await contract(technical, kids.ended, '2026-10-20');
  await contract(arts, kids.once);
  await contract(technical, kids.four);
  await contract(arts, kids.eighteen);
});
afterAll(async () => {
  await platform?.stop();
});

describe('coverage figures', () => {
  it('counts a school’s children once however many contracts, and not an ended contract', async () => {
    const result = await coverage('coordinator', { organizationId: school });
    expectOk(result);
    const figures = result.data!.extraCoverage!;
    // twice, ended, once, none are 5 to 17; four and eighteen are not.
    expect(figures.children).toBe(4);
    // twice (two contracts) and once; ended's contract ended before the date.
    expect(figures.enrolled).toBe(2);
    expect(figures.enrolledPercent).toBe(50);
    expect(figures.area).toBe('ORGANIZATION');
    const by = Object.fromEntries(figures.byDirection.map((line) => [line.direction, line.enrolled]));
    expect(by).toMatchObject({ TECHNICAL: 1, ARTS: 2, NATURAL_SCIENCE: 0 });
    expect(figures.byDirection).toHaveLength(6);
    expect(await handCount('organization', school)).toEqual({ children: 4, enrolled: 2 });
  });

  it('equals the hand count for the coordinator’s municipality', async () => {
    const result = await coverage('coordinator', { municipalityId: municipality });
    expectOk(result);
    const figures = result.data!.extraCoverage!;
    const expected = await handCount('municipality', municipality);
    expect(expected.enrolled).toBeGreaterThan(2);
    expect({ children: figures.children, enrolled: figures.enrolled }).toEqual(expected);
    expect(figures.enrolledPercent).toBe(Math.round((1000 * expected.enrolled) / expected.children) / 10);

    const sql = platform.admin.sql;
    const [pfdo] = await sql<{ count: number }[]>`
      select count(*)::int from people.organizations where municipality_id = ${municipality} and pfdo_participant`;
    expect(figures.pfdoParticipants).toBe(pfdo!.count);
    const [programmes] = await sql<{ total: number; idle: number }[]>`
      select count(*)::int as total,
        count(*) filter (where not exists (select 1 from extra_education.contracts c
          join extra_education.groups g on g.id = c.group_id
          where g.programme_id = p.id and c.concluded_on <= ${ON}::date
            and coalesce(c.ended_on, 'infinity') > ${ON}::date))::int as idle
      from extra_education.programmes p where p.municipality_id = ${municipality} and p.status = 'PUBLISHED'`;
    expect({ programmes: figures.programmes, idle: figures.programmesWithoutEnrolment }).toEqual({
      programmes: programmes!.total,
      idle: programmes!.idle,
    });
    const [certificates] = await sql<{ total: number; actual: number }[]>`
      select count(*)::int as total,
        count(*) filter (where (select s.status from extra_education.certificate_status_changes s
          where s.certificate_id = k.id order by s.changed_at desc, s.id desc limit 1) = 'ACTUAL')::int as actual
      from extra_education.certificates k where k.municipality_id = ${municipality} and k.issued_on <= ${ON}::date`;
    expect(figures.certificates).toEqual({
      total: certificates!.total,
      actual: certificates!.actual,
      frozen: certificates!.total - certificates!.actual,
    });
    const directionsEnrolled = figures.byDirection.reduce((sum, line) => sum + line.enrolled, 0);
    expect(directionsEnrolled).toBeGreaterThanOrEqual(figures.enrolled);
  });

  it('answers on a municipality of the people registry in one request, and on another date', async () => {
    const result = await platform.query<{
      municipalities: { id: string; extraCoverage: { children: number; enrolled: number } | null }[];
    }>({ login: 'operator' }, `{ municipalities { id extraCoverage(on: "2026-09-10") { children enrolled } } }`);
    expectOk(result);
    const own = result.data!.municipalities.find((row) => row.id === municipality)!;
    // On 10 September no contract of this file had been concluded yet.
    expect(own.extraCoverage).toEqual(await handCount('municipality', municipality, '2026-09-10'));
    expect(own.extraCoverage!.enrolled).toBeLessThan((await handCount('municipality', municipality)).enrolled);
  });
  it('reads a page of municipalities in as many statements as one municipality', async () => {
    const figures = `children enrolled pfdoParticipants programmes byDirection { enrolled } certificates { total }`;
    const count = async (query: string) => {
      const statements = await platform.recordStatements(async () => {
        expectOk(await platform.query({ login: 'operator' }, query));
      });
      // Coverage's own statements (people's and extra-education's), not the login's or the registry's list.
      return statements.filter((statement) => /extra_education\.|birth_date|pfdo_participant/.test(statement)).length;
    };
    const one = await count(`{ extraCoverage(municipalityId: "${municipality}") { ${figures} } }`);
    const all = await count(`{ municipalities { extraCoverage { ${figures} } } }`);
    const [municipalities] = await platform.admin.sql<
      { count: number }[]
    >`select count(*)::int from people.municipalities`;
    expect(municipalities!.count).toBeGreaterThan(1);
    expect(one).toBeGreaterThan(0);
    expect(all).toBe(one);
  });
});

describe('who may read coverage', () => {
  it('refuses the coordinator another municipality and its organizations with FORBIDDEN', async () => {
    const other = await coverage('coordinator', { municipalityId: otherMunicipality });
    expect(other.data?.extraCoverage ?? null).toBeNull();
    expect(codeOf(other)).toBe('FORBIDDEN');
    const [foreignSchool] = await platform.admin.sql<{ id: string }[]>`
      select id from people.organizations where municipality_id = ${otherMunicipality} and type = 'SCHOOL' limit 1`;
    const organization = await coverage('coordinator', { organizationId: foreignSchool!.id });
    expect(codeOf(organization)).toBe('FORBIDDEN');
    const region = await coverage('coordinator', {});
    expect(codeOf(region)).toBe('FORBIDDEN');
  });

  it('answers the coordinator per municipality in the registry list: own figures, others FORBIDDEN', async () => {
    const result = await platform.query<{
      municipalities: { id: string; extraCoverage: { enrolled: number } | null }[];
    }>({ login: 'coordinator' }, `{ municipalities { id extraCoverage { enrolled } } }`);
    const own = result.data!.municipalities.find((row) => row.id === municipality)!;
    expect(own.extraCoverage).not.toBeNull();
    const other = result.data!.municipalities.find((row) => row.id === otherMunicipality)!;
    expect(other.extraCoverage).toBeNull();
    expect(result.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('gives the analyst region-wide numbers and no person behind them', async () => {
    const region = await coverage('analyst', {});
    expectOk(region);
    expect(region.data!.extraCoverage!.area).toBe('REGION');
    expect(region.data!.extraCoverage!.children).toBeGreaterThan(0);
    const municipal = await coverage('analyst', { municipalityId: municipality });
    expectOk(municipal);
    expect(municipal.data!.extraCoverage!.enrolled).toBe((await handCount('municipality', municipality)).enrolled);
    // The children's ids are the subgraphs' own: not in the API at all.
    const ids = await platform.query({ login: 'operator' }, `{ extraCoverage { childIds } }`);
    expect(codeOf(ids)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an organization’s admin, who holds no monitoring scope', async () => {
    const result = await coverage('extra-admin', { organizationId: school });
    expect(result.data?.extraCoverage ?? null).toBeNull();
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('refuses a municipality and an organization named together, naming the field', async () => {
    const result = await coverage('operator', { municipalityId: municipality, organizationId: school });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions as { field?: string }).field).toBe('organizationId');
  });
});
