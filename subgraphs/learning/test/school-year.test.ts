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
