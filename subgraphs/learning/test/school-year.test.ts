/**
 * The school year (DOMAIN.md rule 13): formed from 1 April — periods, holidays, classes promoted with
 * their students, graduates leaving, repeaters staying — then opened by the school's admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectCode, expectOk, TODAY } from './helpers.ts';

const CREATE = `mutation ($input: CreateNextSchoolYearInput!) {
  createNextSchoolYear(input: $input) { id year name status periods { name startsOn endsOn } classes { id name grade } }
}`;

type Created = {
  createNextSchoolYear: {
    id: string;
    year: number;
    status: string;
    periods: { name: string }[];
    classes: { id: string; name: string; grade: number | null }[];
  };
};

async function schoolOf(platform: Platform): Promise<string> {
  const { class: cls } = await assignmentOf(platform, 'teacher', '5А');
  const [row] = await platform.admin.sql<
    { organization_id: string }[]
  >`select organization_id from learning.classes where id = ${cls.id}`;
  return row!.organization_id;
}

describe('forming the next school year', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ now: TODAY });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses before 1 April with DEADLINE_RULE naming the rule', async () => {
    const result = await platform.query({ login: 'admin' }, CREATE, {
      input: { organizationId: await schoolOf(platform) },
    });
    expectCode(result, 'DEADLINE_RULE');
    expect(result.errors?.[0]?.message).toMatch(/с 1 апреля/);
  });
});

describe('in April', () => {
  let platform: Platform;
  let school: string;
  beforeAll(async () => {
    platform = await startPlatform({ now: new Date('2027-04-02T06:00:00Z') });
    school = await schoolOf(platform);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('forms the year with periods and promoted classes, keeping repeaters in their parallel and letting graduates go', async () => {
    const repeater = await personIdOf(platform.admin, 'student');
    const [eleventh] = await platform.admin.sql<{ id: string }[]>`
      select cm.person_id as id from learning.class_members cm join learning.classes c on c.id = cm.class_id
      where c.organization_id = ${school} and c.school_year = 2026 and c.grade = 11 and cm.left_on is null limit 1`;
    const result = await platform.query<Created>({ login: 'admin' }, CREATE, {
      input: { organizationId: school, repeaterIds: [repeater] },
    });
    expectOk(result);
    const year = result.data!.createNextSchoolYear;
    expect(year).toMatchObject({ year: 2027, status: 'DRAFT' });
    expect(year.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    const names = year.classes.map((c) => c.name);
    expect(names).toContain('6А');
    expect(names).toContain('5А'); // the repeater's class
    expect(year.classes.some((c) => c.grade === 12)).toBe(false);

    const [placed] = await platform.admin.sql<{ name: string; repeater: boolean }[]>`
      select c.name, cm.repeater from learning.class_members cm join learning.classes c on c.id = cm.class_id
      where cm.person_id = ${repeater} and c.school_year = 2027`;
    expect(placed).toEqual({ name: '5А', repeater: true });
    if (eleventh) {
      const graduate = await platform.admin.sql`
        select 1 from learning.class_members cm join learning.classes c on c.id = cm.class_id
        where cm.person_id = ${eleventh.id} and c.school_year = 2027`;
      expect(graduate).toHaveLength(0);
    }
    // The year after is not formed before its own 1 April.
    expectCode(
      await platform.query({ login: 'admin' }, CREATE, { input: { organizationId: school } }),
      'DEADLINE_RULE',
    );

    const opened = await platform.query<{ openSchoolYear: { status: string } }>(
      { login: 'admin' },
      'mutation ($id: ID!) { openSchoolYear(id: $id) { status } }',
      { id: year.id },
    );
    expectOk(opened);
    expect(opened.data!.openSchoolYear.status).toBe('OPEN');
  });

  it("refuses a teacher and another school's admin", async () => {
    expectCode(await platform.query({ login: 'teacher' }, CREATE, { input: { organizationId: school } }), 'FORBIDDEN');
    expectCode(await platform.query({ login: 'admin2' }, CREATE, { input: { organizationId: school } }), 'FORBIDDEN');
  });
});

/** A moment at local (UTC+5) wall-clock time. */
const local = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

describe('the deadline to open the year (rule 13), by the registry’s organization type', () => {
  let platform: Platform;
  let centre: string;
  let newSchool: string;
  let school: string;
  const NOT_OPENED = `{ organizationsNotOpened(first: 200) { edges { node { status schoolYear
    organization { id type schoolYearOpening { deadline overdue } } } } } }`;
  type NotOpened = {
    organizationsNotOpened: {
      edges: {
        node: {
          status: string;
          schoolYear: number;
          organization: { id: string; type: string; schoolYearOpening: { deadline: string; overdue: boolean } };
        };
      }[];
    };
  };
  const rowOf = async (id: string) => {
    const result = await platform.query<NotOpened>({ login: 'coordinator' }, NOT_OPENED);
    expectOk(result);
    return result.data!.organizationsNotOpened.edges.map((edge) => edge.node).find((row) => row.organization.id === id);
  };

  beforeAll(async () => {
    platform = await startPlatform({ now: local('2026-09-06', '23:30'), principalTtlMs: 0 });
    school = await schoolOf(platform);
    // New organizations in the coordinator's municipality: no classes, no school year yet.
    const insert = async (type: string, name: string) => {
      const [row] = await platform.admin.sql<{ id: string }[]>`
        insert into people.organizations (municipality_id, type, full_name, short_name, inn)
        select municipality_id, ${type}, ${name}, ${name}, '7401000000'
        from people.organizations where id = ${school} returning id`;
      return row!.id;
    };
    centre = await insert('EXTRA_EDUCATION', 'Центр детского творчества «Часовой»');
    newSchool = await insert('SCHOOL', 'Школа «Часовая»');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('keeps a school to 6 September: not overdue at 23:30 local on the 6th, overdue at 00:30 on the 7th', async () => {
    expect(await rowOf(newSchool)).toMatchObject({
      status: 'NOT_CREATED',
      schoolYear: 2026,
      organization: { type: 'SCHOOL', schoolYearOpening: { deadline: '2026-09-06', overdue: false } },
    });
    platform.setNow(local('2026-09-07', '00:30'));
    expect((await rowOf(newSchool))!.organization.schoolYearOpening.overdue).toBe(true);
  });

  it('gives a centre without classes 20 September, not overdue on 7 September', async () => {
    expect(await rowOf(centre)).toMatchObject({
      status: 'NOT_CREATED',
      schoolYear: 2026,
      organization: { type: 'EXTRA_EDUCATION', schoolYearOpening: { deadline: '2026-09-20', overdue: false } },
    });
  });

  it('answers the same term on the organization itself, with the year it opened', async () => {
    const result = await platform.query<{
      organization: { schoolYearOpening: { schoolYear: number; status: string; deadline: string } };
    }>(
      { login: 'coordinator' },
      'query ($id: ID!) { organization(id: $id) { schoolYearOpening(schoolYear: 2026) { schoolYear status deadline } } }',
      { id: school },
    );
    expectOk(result);
    expect(result.data!.organization.schoolYearOpening).toMatchObject({ schoolYear: 2026, deadline: '2026-09-06' });
  });

  it('turns the centre overdue at 00:30 local on 21 September, not at 23:30 on the 20th', async () => {
    platform.setNow(local('2026-09-20', '23:30'));
    expect((await rowOf(centre))!.organization.schoolYearOpening.overdue).toBe(false);
    platform.setNow(local('2026-09-21', '00:30'));
    expect((await rowOf(centre))!.organization.schoolYearOpening.overdue).toBe(true);
  });
  it('says a year opened late by the registry’s type, also for a centre without classes', async () => {
    const opened = async (organizationId: string, openedAt: Date) => {
      await platform.admin.sql`
        insert into learning.school_years (organization_id, year, starts_on, ends_on, period_kind, status, opened_at)
        values (${organizationId}, 2026, '2026-09-01', '2027-05-31', 'QUARTER', 'OPEN', ${openedAt.toISOString()})`;
    };
    // The centre on 15 September (in time, by 20 September); the school at 00:30 on 7 September (late).
    await opened(centre, local('2026-09-15', '12:00'));
    await opened(newSchool, local('2026-09-07', '00:30'));
    const YEARS = 'query ($id: ID!) { organization(id: $id) { schoolYears { year openedLate } } }';
    for (const [id, late] of [
      [centre, false],
      [newSchool, true],
    ] as const) {
      const result = await platform.query<{ organization: { schoolYears: { year: number; openedLate: boolean }[] } }>(
        { login: 'coordinator' },
        YEARS,
        { id },
      );
      expectOk(result);
      expect(result.data!.organization.schoolYears).toEqual([{ year: 2026, openedLate: late }]);
    }
  });
});

describe('forming the next year from 1 April, local time', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ now: local('2027-03-31', '23:30'), principalTtlMs: 0 });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses at 23:30 on 31 March and forms the year at 00:30 on 1 April', async () => {
    const input = { organizationId: await schoolOf(platform) };
    expectCode(await platform.query({ login: 'admin' }, CREATE, { input }), 'DEADLINE_RULE');
    platform.setNow(local('2027-04-01', '00:30'));
    const formed = await platform.query<Created>({ login: 'admin' }, CREATE, { input });
    expectOk(formed);
    expect(formed.data!.createNextSchoolYear.year).toBe(2027);
  });
});

describe('what the cabinet is told about forming the next year (issue 15 §3.11)', () => {
  let platform: Platform;
  let school: string;
  const FORMING = `query ($id: ID!) { organization(id: $id) { nextSchoolYearForming { schoolYear name opensOn open } } }`;
  type Forming = {
    organization: { nextSchoolYearForming: { schoolYear: number; name: string; opensOn: string; open: boolean } };
  };
  beforeAll(async () => {
    platform = await startPlatform({ now: local('2027-03-31', '23:30'), principalTtlMs: 0 });
    school = await schoolOf(platform);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('says closed until 1 April by the region’s date, as the mutation refuses, then open, then the year after', async () => {
    const before = await platform.query<Forming>({ login: 'admin' }, FORMING, { id: school });
    expectOk(before);
    expect(before.data!.organization.nextSchoolYearForming).toEqual({
      schoolYear: 2027,
      name: '2027/28',
      opensOn: '2027-04-01',
      open: false,
    });
    expectCode(
      await platform.query({ login: 'admin' }, CREATE, { input: { organizationId: school } }),
      'DEADLINE_RULE',
    );
    platform.setNow(local('2027-04-01', '00:30'));
    const after = await platform.query<Forming>({ login: 'admin' }, FORMING, { id: school });
    expect(after.data!.organization.nextSchoolYearForming.open).toBe(true);
    expectOk(await platform.query({ login: 'admin' }, CREATE, { input: { organizationId: school } }));
    const formed = await platform.query<Forming>({ login: 'admin' }, FORMING, { id: school });
    expect(formed.data!.organization.nextSchoolYearForming).toMatchObject({ schoolYear: 2028, open: false });
  });
});
