/**
 * Issue 13 §3: every canonical operation runs the same number of SQL statements whatever the number of
 * children, classes or organizations of the principal and whatever the page size (DESIGN.md: "the number of
 * SQL statements for an operation must not grow with the size of the lists it returns"). Each operation is
 * the web client's own document, run through the gateway; the counter is the platform's, which sees every
 * statement of every subgraph (the login's principal resolution included). The database is the test file's
 * own copy of the demo, so the families, assignments and organizations planted here touch nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@region/gateway/limits';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { webField, webOperation } from '@region/tests/web-operations';

/** A school day of the 2nd quarter of 2026/27: lessons, marks and attendance exist in every class. */
const TODAY = new Date('2026-11-20T07:00:00Z');
const SCHOOL_YEAR = 2026;

let platform: Platform;

beforeAll(async () => {
  // Grants follow guardianships and assignments at once, so a principal planted between two runs is seen.
  // The children's diaries and portfolios in one operation weigh more than the person limit's cost (the web
  // client asks per child); the statements, not the limit, are what this file measures.
  platform = await startPlatform({
    now: TODAY,
    principalTtlMs: 0,
    limits: { ...DEFAULT_LIMITS, person: { ...DEFAULT_LIMITS.person, cost: 1_000_000 } },
  });
});
afterAll(async () => {
  await platform?.stop();
});

function expectOk(result: GraphQLResponse<unknown>): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

/**
 * The statements of one run of the operation, after a first run that warms what a repeated request finds
 * warm (the gateway's plan cache, the database's catalog): the figure a user's second page view costs.
 */
async function statementsOf<T>(
  login: string,
  query: string,
  variables: Record<string, unknown>,
  check: (data: T) => void = () => {},
): Promise<string[]> {
  expectOk(await platform.query(login === '' ? null : { login }, query, variables));
  let result: GraphQLResponse<T> | undefined;
  const statements = await platform.recordStatements(async () => {
    result = await platform.query<T>({ login }, query, variables);
  });
  expectOk(result!);
  check(result!.data as T);
  return statements;
}

/** A statement's text without its parameter list: a longer key list is the same statement. */
const shape = (statements: string[]) =>
  statements.map((s) => s.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…')).sort();

/** The statements one run has more than another (a multiset difference), for a failure that says which. */
function extra(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((statement) => {
    const index = left.indexOf(statement);
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
}

function expectSameStatements(runs: Record<string, string[]>): void {
  const [[firstName, first], ...rest] = Object.entries(runs) as [[string, string[]], ...[string, string[]][]];
  for (const [name, statements] of rest) {
    expect(
      {
        count: statements.length,
        more: extra(shape(statements), shape(first)),
        fewer: extra(shape(first), shape(statements)),
      },
      `${name} against ${firstName}`,
    ).toEqual({ count: first.length, more: [], fewer: [] });
  }
}

/** Links the guardian to `count` more learners of the year, each in another class (and some in another school). */
async function plantChildren(guardianLogin: string, count: number): Promise<string[]> {
  const guardian = await personIdOf(platform.admin, guardianLogin);
  const rows = await platform.admin.sql<{ person_id: string }[]>`
    select distinct on (c.id) cm.person_id
    from learning.class_members cm join learning.classes c on c.id = cm.class_id
    where c.school_year = ${SCHOOL_YEAR} and c.kind = 'SCHOOL_CLASS' and cm.left_on is null
      and cm.person_id not in (select child_id from people.guardianships where guardian_id = ${guardian})
      and cm.person_id <> ${guardian}
      and exists (select 1 from learning.marks m where m.school_year = ${SCHOOL_YEAR} and m.student_id = cm.person_id)
    order by c.id, cm.person_id
    limit ${count}`;
  expect(rows).toHaveLength(count);
  for (const row of rows)
    await platform.admin.sql`
      insert into people.guardianships (guardian_id, child_id, relation) values (${guardian}, ${row.person_id}, 'PARENT')`;
  return rows.map((row) => row.person_id);
}

describe('guardian', () => {
  const diaryField = webField('Diary', 'diary');
  const portfolioField = webField('Portfolio', 'portfolio');
  /**
   * The diary's week and the portfolio of every child in one request, with the web client's own selections
   * (`Diary`'s `DiaryWeek`, `Portfolio`'s fields): what «Мои дети» costs when it shows each child whole.
   */
  const CHILDREN_DIARY_PORTFOLIO = `query GuardianChildrenDiaryPortfolio($personId: ID!, $from: Date, $to: Date) {
    person(id: $personId) { id children { id fullName ${diaryField.field} ${portfolioField.field} } }
  }
  ${diaryField.fragments}`;

  type Children = { person: { children: { id: string; diary: { days: unknown[] } | null; portfolio: unknown }[] } };
  const hasChildren = (count: number) => (data: Children) => {
    expect(data.person.children).toHaveLength(count);
    for (const child of data.person.children) {
      expect(child.diary?.days, child.id).toHaveLength(7);
      expect(child.portfolio, child.id).not.toBeNull();
    }
  };

  it("runs as many statements for one, two and five children's diaries and portfolios, and for «me»", async () => {
    const diary: Record<string, string[]> = {};
    const me: Record<string, string[]> = {};
    const run = async (login: string, children: number) => {
      const personId = await personIdOf(platform.admin, login);
      diary[`${children} children`] = await statementsOf(
        login,
        CHILDREN_DIARY_PORTFOLIO,
        { personId },
        hasChildren(children),
      );
      me[`${children} children`] = await statementsOf(login, webOperation('Me'), {});
    };
    await run('guardian2', 1);
    await run('guardian', 2);
    await plantChildren('guardian', 3);
    await run('guardian', 5);
    expectSameStatements(diary);
    expectSameStatements(me);
  });

  it('runs as many statements for «Мои дети» with two children and with five', async () => {
    // Both runs with planted children, whose other parents' cards bring the same readiness problems.
    const login = 'guardian2';
    const personId = await personIdOf(platform.admin, login);
    const home: Record<string, string[]> = {};
    await plantChildren(login, 1);
    home['2 children'] = await statementsOf(login, webOperation('GuardianHome'), { personId });
    await plantChildren(login, 3);
    home['5 children'] = await statementsOf(login, webOperation('GuardianHome'), { personId });
    expectSameStatements(home);
  });
});

describe('teacher', () => {
  type Assignments = { myAssignments: { class: { id: string; name: string }; subject: { id: string } }[] };

  it('runs as many statements for the journal grid and the assignments with one class and with four', async () => {
    const grid = webOperation('TeacherJournal');
    const assignments = webOperation('TeacherAssignments');
    const mine = await platform.query<Assignments>({ login: 'teacher' }, assignments);
    expectOk(mine);
    const [first] = mine.data!.myAssignments;
    const variables = { classId: first!.class.id, subjectId: first!.subject.id };
    const gridRuns: Record<string, string[]> = {};
    const assignmentRuns: Record<string, string[]> = {};
    gridRuns['one class'] = await statementsOf('teacher', grid, variables);
    assignmentRuns['one class'] = await statementsOf('teacher', assignments, {}, (data: Assignments) =>
      expect(data.myAssignments).toHaveLength(1),
    );

    // Three more classes of the same school; the first of them has lessons of the subject (the demo's only
    // other such class), so its grid shows lessons, marks and attendance as the first class's does.
    const others = await platform.admin.sql<{ id: string }[]>`
      select c.id from learning.classes c
      where c.organization_id = (select organization_id from learning.classes where id = ${first!.class.id})
        and c.school_year = ${SCHOOL_YEAR} and c.id <> ${first!.class.id}
      order by exists (select 1 from learning.lessons l where l.school_year = ${SCHOOL_YEAR} and l.class_id = c.id
          and l.subject_id = ${first!.subject.id}) desc, c.name
      limit 3`;
    expect(others).toHaveLength(3);
    const teacher = await personIdOf(platform.admin, 'teacher');
    for (const other of others)
      await platform.admin.sql`insert into learning.assignments (class_id, subject_id, teacher_id)
        values (${other.id}, ${first!.subject.id}, ${teacher}) on conflict do nothing`;

    gridRuns['four classes'] = await statementsOf('teacher', grid, variables);
    gridRuns['four classes, another class'] = await statementsOf('teacher', grid, {
      ...variables,
      classId: others[0]!.id,
    });
    assignmentRuns['four classes'] = await statementsOf('teacher', assignments, {}, (data: Assignments) =>
      expect(data.myAssignments).toHaveLength(4),
    );
    expectSameStatements(gridRuns);
    expectSameStatements(assignmentRuns);
  });
});

describe('coordinator', () => {
  type Organizations = { organizations: { edges: unknown[] } };

  /** Organizations of the coordinator's municipality that learning knows, some with a draft year, some without. */
  async function coordinatorMunicipality(): Promise<string> {
    const coordinator = await personIdOf(platform.admin, 'coordinator');
    const [grant] = await platform.admin.sql<{ municipality_id: string }[]>`
      select municipality_id from people.role_grants
      where person_id = ${coordinator} and municipality_id is not null and withdrawn_at is null limit 1`;
    return grant!.municipality_id;
  }

  async function plantOrganizations(count: number): Promise<void> {
    const municipalityId = await coordinatorMunicipality();
    for (let i = 0; i < count; i += 1) {
      const [org] = await platform.admin.sql<{ id: string }[]>`
        insert into people.organizations (municipality_id, type, full_name, short_name, inn)
        values (${municipalityId}, 'SCHOOL', ${`Школа для подсчёта запросов № ${i + 1}`},
          ${`Школа подсчёта № ${i + 1}`}, '7701000000')
        returning id`;
      if (i % 2 === 0)
        await platform.admin
          .sql`insert into learning.school_years (organization_id, year, starts_on, ends_on, period_kind)
          values (${org!.id}, ${SCHOOL_YEAR}, '2026-09-01', '2027-05-31', 'QUARTER')`;
    }
  }

  it('runs as many statements for a page of 5 and of 50 organizations, and with more organizations', async () => {
    const organizations = webOperation('TerritoryOrganizations');
    const runs: Record<string, Record<string, string[]>> = {
      organizations: {},
      notOpened: {},
      regionNotOpened: {},
      summary: {},
      organization: {},
    };
    // The coordinator's page asks for their own municipality (`municipalityFilter` of the territory cabinet).
    const filter = { municipalityId: await coordinatorMunicipality() };
    const pageOf = (first: number) => (data: Organizations) => expect(data.organizations.edges.length).toBe(first);
    const measure = async (label: string) => {
      runs.organizations![`${label}, page of 5`] = await statementsOf(
        'coordinator',
        organizations,
        { filter, first: 5 },
        pageOf(5),
      );
      runs.organizations![`${label}, page of 50`] = await statementsOf('coordinator', organizations, {
        filter,
        first: 50,
      });
      // The not-opened list is a connection (issue 13 §4): a page of 2 and of 200 run the same statements.
      for (const first of [2, 200]) {
        runs.notOpened![`${label}, page of ${first}`] = await statementsOf(
          'coordinator',
          webOperation('TerritoryNotOpened'),
          { first },
        );
        // The regional operator's list spans every organization learning knows (one anti-join).
        runs.regionNotOpened![`${label}, page of ${first}`] = await statementsOf(
          'operator',
          webOperation('TerritoryNotOpened'),
          { first },
        );
      }
      runs.summary![label] = await statementsOf('coordinator', webOperation('TerritorySummary'), { regional: false });
      const page = await platform.query<{ organizations: { edges: { node: { id: string } }[] } }>(
        { login: 'coordinator' },
        organizations,
        { filter, first: 1 },
      );
      runs.organization![label] = await statementsOf('coordinator', webOperation('TerritoryOrganization'), {
        id: page.data!.organizations.edges[0]!.node.id,
      });
    };
    await measure('demo');
    await plantOrganizations(8);
    await measure('8 more organizations');
    for (const operation of Object.values(runs)) expectSameStatements(operation);
  });
});

describe('school admin', () => {
  it('runs as many statements for the сводная ведомость and its XLSX with a class of its size and with 6 more learners', async () => {
    // Issue 15 §2: the web client's own «Сводная ведомость» documents.
    const [row] = await platform.admin.sql<{ class_id: string; period_id: string }[]>`
      select c.id as class_id, p.id as period_id from learning.classes c
        join learning.school_years y on y.organization_id = c.organization_id and y.year = c.school_year
        join learning.study_periods p on p.school_year_id = y.id
      where c.school_year = ${SCHOOL_YEAR} and c.name = '5А'
        and c.organization_id = (select organization_id from learning.classes c2
          join learning.class_members m on m.class_id = c2.id
          where m.person_id = ${await personIdOf(platform.admin, 'student')} and c2.school_year = ${SCHOOL_YEAR} limit 1)
        and p.starts_on <= '2026-11-20' and p.ends_on >= '2026-11-20'`;
    const variables = { classId: row!.class_id, periodId: row!.period_id };
    const sheet: Record<string, string[]> = {};
    const file: Record<string, string[]> = {};
    const measure = async (label: string) => {
      sheet[label] = await statementsOf('admin', webOperation('SummarySheet'), variables);
      file[label] = await statementsOf('admin', webOperation('SummarySheetFile'), { ...variables, format: 'XLSX' });
    };
    await measure('the class');
    // Six learners of other classes of the school join it (their names are people's, as the file needs).
    await platform.admin.sql`
      insert into learning.class_members (class_id, person_id, joined_on)
      select ${row!.class_id}, cm.person_id, '2026-09-01' from learning.class_members cm
        join learning.classes c on c.id = cm.class_id
      where c.organization_id = (select organization_id from learning.classes where id = ${row!.class_id})
        and c.school_year = ${SCHOOL_YEAR} and c.id <> ${row!.class_id} and cm.left_on is null
      order by cm.person_id limit 6`;
    await measure('6 more learners');
    expectSameStatements(sheet);
    expectSameStatements(file);
  });
});
