/**
 * The diary and the school portfolio (DOMAIN.md rules 11–12) as a guardian and a student see them, with
 * every figure checked against a computation by hand from the stored marks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
let child: string;
const today = TODAY.toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  child = await personIdOf(platform.admin, 'student');
});
afterAll(async () => {
  await platform?.stop();
});

type Diary = {
  days: {
    date: string;
    lessons: { lesson: { id: string; subject: { name: string } }; marks: { value: string; weight: number }[] }[];
  }[];
};

describe('diary', () => {
  const DIARY =
    'query ($id: ID!) { person(id: $id) { diary { days { date lessons { lesson { id subject { name } } marks { value weight } } } } } }';

  it('shows the current week to the guardian and to the student', async () => {
    for (const login of ['guardian', 'student']) {
      const result = await platform.query<{ person: { diary: Diary } }>({ login }, DIARY, { id: child });
      expectOk(result);
      const days = result.data!.person.diary.days;
      expect(days).toHaveLength(7);
      expect(days.flatMap((d) => d.lessons).length, login).toBeGreaterThan(10);
    }
  });

  it('names today by the region’s date for a week in the past as well, so the client never reads its clock', async () => {
    const result = await platform.query<{ person: { diary: { today: string } } }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { diary(from: "2026-10-05", to: "2026-10-11") { today } } }',
      { id: child },
    );
    expectOk(result);
    expect(result.data!.person.diary.today).toBe(today);
  });

  it('hides the diary from another family (the card itself is not visible)', async () => {
    const result = await platform.query<{ person: unknown }>({ login: 'guardian2' }, DIARY, { id: child });
    expect(result.data?.person).toBeNull();
    expectCode(result, 'NOT_FOUND');
  });

  it('lists overdue mandatory homework', async () => {
    const result = await platform.query<{
      person: { overdueHomework: { id: string; homework: { mandatory: boolean; dueOn: string } }[] };
    }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { overdueHomework { id homework { mandatory dueOn } } } }',
      { id: child },
    );
    expectOk(result);
    const overdue = result.data!.person.overdueHomework;
    expect(overdue.length).toBeGreaterThan(0);
    for (const lesson of overdue) {
      expect(lesson.homework.mandatory).toBe(true);
      expect(lesson.homework.dueOn < today).toBe(true);
    }
  });
});

describe('portfolio', () => {
  const PORTFOLIO = `query ($id: ID!) { person(id: $id) { portfolio {
    subjects { subject { id name } average classAverage periods { period { id name } average classAverage change } }
    attendance { lessons absent sick excused late attendedPercent period { id } }
    nextHolidays { name startsOn daysUntil }
    events { title kind }
    controlWorks { value }
  } } }`;
  type Portfolio = {
    subjects: { subject: { id: string; name: string }; average: number | null; classAverage: number | null }[];
    attendance: {
      lessons: number;
      absent: number;
      sick: number;
      excused: number;
      late: number;
      attendedPercent: number | null;
      period: { id: string } | null;
    };
    nextHolidays: { name: string; startsOn: string; daysUntil: number } | null;
    events: { title: string }[];
    controlWorks: { value: string }[];
  };

  let portfolio: Portfolio;
  beforeAll(async () => {
    const result = await platform.query<{ person: { portfolio: Portfolio } }>({ login: 'guardian' }, PORTFOLIO, {
      id: child,
    });
    expectOk(result);
    portfolio = result.data!.person.portfolio;
  });

  it("gives the child's weighted average and the class average per subject, as computed by hand", async () => {
    type Row = { subject_id: string; student_id: string; value: string; weight: string };
    const rows: Row[] = await platform.admin.sql<Row[]>`
      select m.subject_id, m.student_id, m.value::text as value, m.weight::text as weight
      from learning.marks m
      where m.school_year = 2026 and m.deleted_at is null and m.kind in ('CURRENT', 'CONTROL')
        and m.value in ('2', '3', '4', '5')
        and m.class_id in (select class_id from learning.class_members where person_id = ${child})`;
    expect(rows.length).toBeGreaterThan(0);
    const average = (marks: Row[]) => {
      const weights = marks.reduce((sum, m) => sum + Number(m.weight), 0);
      return weights
        ? Math.round((marks.reduce((sum, m) => sum + Number(m.value) * Number(m.weight), 0) / weights) * 100) / 100
        : null;
    };
    for (const subject of portfolio.subjects) {
      const ofSubject = rows.filter((r) => r.subject_id === subject.subject.id);
      expect(subject.average, subject.subject.name).toBe(average(ofSubject.filter((r) => r.student_id === child)));
      const students = [...new Set(ofSubject.map((r) => r.student_id))];
      const averages = students.map((s) => average(ofSubject.filter((r) => r.student_id === s))!);
      expect(subject.classAverage, subject.subject.name).toBe(
        Math.round((averages.reduce((a, b) => a + b, 0) / averages.length) * 100) / 100,
      );
    }
  });

  it('counts attendance of the current period up to today, lateness counting as present', async () => {
    const a = portfolio.attendance;
    expect(a.period).not.toBeNull();
    const [period] = await platform.admin.sql<
      { starts_on: string }[]
    >`select starts_on::text from learning.study_periods where id = ${a.period!.id}`;
    const [lessons] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from learning.lessons where school_year = 2026 and date between ${period!.starts_on} and ${today}
        and class_id in (select class_id from learning.class_members where person_id = ${child})`;
    expect(a.lessons).toBe(lessons!.count);
    const expected = a.lessons
      ? Math.round(((a.lessons - a.absent - a.sick - a.excused) / a.lessons) * 1000) / 10
      : null;
    expect(a.attendedPercent).toBe(expected);
  });

  it('counts the days until the next holidays', async () => {
    const [next] = await platform.admin.sql<{ starts_on: string }[]>`
      select h.starts_on::text from learning.holidays h
      where h.ends_on >= ${today} and h.organization_id = (select organization_id from learning.classes c
        join learning.class_members cm on cm.class_id = c.id where cm.person_id = ${child} limit 1)
      order by h.starts_on limit 1`;
    expect(portfolio.nextHolidays?.startsOn).toBe(next!.starts_on);
    expect(portfolio.nextHolidays?.daysUntil).toBe(
      Math.round((Date.parse(next!.starts_on) - Date.parse(today)) / 86_400_000),
    );
  });

  it('is refused to another family', async () => {
    const result = await platform.query<{ person: unknown }>({ login: 'guardian2' }, PORTFOLIO, { id: child });
    expect(result.data?.person).toBeNull();
    expectCode(result, 'NOT_FOUND');
  });
});

describe('school year', () => {
  const NOT_OPENED = `query ($first: Int, $after: String, $m: ID) {
    organizationsNotOpened(first: $first, after: $after, municipalityId: $m) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { status organization { id shortName municipality { id } schoolYearOpening { deadline overdue } } } }
    } }`;
  type Row = { status: string; organization: { id: string; municipality: { id: string } } };
  type Page = {
    organizationsNotOpened: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: Row }[];
    };
  };
  /** Every page of the list, following `endCursor`. */
  const allPages = async (login: string, first: number, m?: string) => {
    const rows: Row[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const result = await platform.query<Page>({ login }, NOT_OPENED, { first, after, m });
      expectOk(result);
      const page: Page['organizationsNotOpened'] = result.data!.organizationsNotOpened;
      total = page.totalCount;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      rows.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { rows, total };
  };

  it('lists the organizations of the municipality that have not opened the year to its coordinator', async () => {
    const { rows: list, total } = await allPages('coordinator', 200);
    expect(list.length).toBeGreaterThan(0);
    expect(total).toBe(list.length);
    const municipalities = new Set(list.map((row) => row.organization.municipality.id));
    expect(municipalities.size).toBe(1);
    for (const row of list) expect(['NOT_CREATED', 'DRAFT']).toContain(row.status);
  });

  it("filters by the coordinator's own municipality, and refuses the filter for the region rather than answer empty", async () => {
    const own = await allPages('coordinator', 200);
    const municipalityId = own.rows[0]!.organization.municipality.id;
    const filtered = await allPages('coordinator', 200, municipalityId);
    expect(filtered.total).toBe(own.total);
    expectCode(
      await platform.query({ login: 'operator' }, NOT_OPENED, { first: 10, m: municipalityId }),
      'BAD_USER_INPUT',
    );
  });

  it('refuses the list to a school admin and a guardian', async () => {
    expectCode(await platform.query({ login: 'admin' }, NOT_OPENED, { first: 10 }), 'FORBIDDEN');
    expectCode(await platform.query({ login: 'guardian' }, NOT_OPENED, { first: 10 }), 'FORBIDDEN');
  });
});
