/**
 * The report card (табель) and the сводная ведомость (issue 15 §2), through the gateway: who reads them (allowed
 * and refused, with codes), that their numbers are the journal's, that the XLSX and CSV files hold the very
 * numbers the GraphQL answer gives, and that the ведомость costs the same statements for a small and a large class.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
let classId: string;
let class8bId: string;
let subjectId: string;
let child: string;
let periodId: string;
let otherPeriodId: string;

const SHEET = `query ($classId: ID!, $periodId: ID!) {
  summarySheet(classId: $classId, periodId: $periodId) {
    class { id name } period { id name }
    subjects { id name }
    rows { student { id fullName } marks average twos notAttested attendance { missed excused late } }
    subjectTotals { subject { id } average twos notAttested }
    average
  }
}`;
const FILE = `query ($classId: ID!, $periodId: ID!, $format: SummarySheetFormat!) {
  summarySheetFile(classId: $classId, periodId: $periodId, format: $format) { filename contentType contentBase64 }
}`;
const CARD = `query ($id: ID!) { person(id: $id) { reportCard {
  schoolYear classes { name } periods { id name }
  subjects { subject { id name } periodMarks { id value } yearMark { value } finalMark { value } }
  attendance { missed excused late }
} } }`;

type Sheet = {
  summarySheet: {
    class: { id: string; name: string };
    period: { id: string; name: string };
    subjects: { id: string; name: string }[];
    rows: {
      student: { id: string; fullName: string };
      marks: (string | null)[];
      average: number | null;
      twos: number;
      notAttested: number;
      attendance: { missed: number; excused: number; late: number };
    }[];
    subjectTotals: { subject: { id: string }; average: number | null; twos: number; notAttested: number }[];
    average: number | null;
  };
};

const sheetOf = (login: string, vars: { classId: string; periodId: string }) =>
  platform.query<Sheet>({ login }, SHEET, vars);

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const assignment = await assignmentOf(platform, 'teacher', '5А');
  classId = assignment.class.id;
  subjectId = assignment.subject.id;
  child = await personIdOf(platform.admin, 'student');
  const [c8b] = await platform.admin.sql<{ id: string }[]>`
    select c2.id from learning.classes c1 join learning.classes c2
      on c2.organization_id = c1.organization_id and c2.school_year = c1.school_year and c2.name = '8Б'
    where c1.id = ${classId}`;
  class8bId = c8b!.id;
  const periods = await platform.query<{ class: { journal: { period: { id: string } } } }>(
    { login: 'teacher' },
    'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { period { id } } } }',
    { c: classId, s: subjectId },
  );
  expectOk(periods);
  periodId = periods.data!.class.journal.period.id;
  const [other] = await platform.admin.sql<{ id: string }[]>`
    select p.id from learning.study_periods p join learning.classes c on c.id = ${classId}
    where p.organization_id <> c.organization_id limit 1`;
  otherPeriodId = other!.id;
  // A «2» and an «н/а» among the period marks, so the counts are not all zero.
  for (const [studentId, value] of [
    [child, 'TWO'],
    [null, 'NOT_ATTESTED'],
  ] as const) {
    const [someone] = studentId
      ? [{ person_id: studentId }]
      : await platform.admin.sql<{ person_id: string }[]>`select person_id from learning.class_members
          where class_id = ${classId} and person_id <> ${child} and left_on is null order by person_id limit 1`;
    const set = await platform.query(
      { login: 'teacher' },
      'mutation ($input: SetPeriodMarkInput!) { setPeriodMark(input: $input) { id } }',
      { input: { classId, subjectId, periodId, studentId: someone!.person_id, value } },
    );
    expectOk(set);
  }
});
afterAll(async () => {
  await platform?.stop();
});

describe('сводная ведомость', () => {
  it("answers the school's admin and the class's teacher with the journal's numbers", async () => {
    for (const login of ['admin', 'class-teacher']) {
      const result = await sheetOf(login, { classId, periodId });
      expectOk(result);
      expect(result.data!.summarySheet.rows.length).toBeGreaterThan(0);
    }
    const sheet = (await sheetOf('admin', { classId, periodId })).data!.summarySheet;
    const math = sheet.subjects.findIndex((s) => s.id === subjectId);
    const mine = sheet.rows.find((row) => row.student.id === child)!;
    expect(mine.marks[math]).toBe('TWO');
    expect(sheet.subjectTotals[math]!.twos).toBeGreaterThanOrEqual(1);
    expect(sheet.subjectTotals[math]!.notAttested).toBeGreaterThanOrEqual(1);

    // Every mark and absence as the database holds them.
    const marks = await platform.admin.sql<{ student_id: string; subject_id: string; value: string }[]>`
      select student_id, subject_id, value::text from learning.marks where class_id = ${classId}
        and period_id = ${periodId} and kind = 'PERIOD' and deleted_at is null`;
    const toEnum: Record<string, string> = {
      '2': 'TWO',
      '3': 'THREE',
      '4': 'FOUR',
      '5': 'FIVE',
      PASS: 'PASS',
      FAIL: 'FAIL',
      NA: 'NOT_ATTESTED',
    };
    for (const mark of marks) {
      const row = sheet.rows.find((r) => r.student.id === mark.student_id);
      if (!row) continue;
      expect(row.marks[sheet.subjects.findIndex((s) => s.id === mark.subject_id)]).toBe(toEnum[mark.value]);
    }
    // The first quarter is over: its attendance and the demo's period marks are all there.
    const [first] = await platform.admin.sql<{ id: string }[]>`
      select p.id from learning.study_periods p join learning.study_periods q on q.id = ${periodId}
      where p.school_year_id = q.school_year_id and p.number = 1`;
    const quarter = (await sheetOf('class-teacher', { classId, periodId: first!.id })).data!.summarySheet;
    const absences = await platform.admin.sql<{ student_id: string; missed: number; excused: number }[]>`
      select a.student_id, count(*) filter (where a.status <> 'LATE')::int as missed,
        count(*) filter (where a.status in ('SICK', 'EXCUSED'))::int as excused
      from learning.attendance a join learning.study_periods p on p.id = ${first!.id}
      where a.class_id = ${classId} and a.date between p.starts_on and p.ends_on group by a.student_id`;
    expect(absences.length).toBeGreaterThan(0);
    for (const absence of absences) {
      const row = quarter.rows.find((r) => r.student.id === absence.student_id);
      expect(row?.attendance).toMatchObject({ missed: absence.missed, excused: absence.excused });
    }
    expect(quarter.rows.some((row) => row.average !== null)).toBe(true);
    for (const row of [...sheet.rows, ...quarter.rows]) {
      const numbers = row.marks.flatMap((m) => ({ TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 })[m ?? ''] ?? []);
      const mean = numbers.length
        ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
        : null;
      expect(row.average).toBe(mean);
      expect(row.twos).toBe(row.marks.filter((m) => m === 'TWO').length);
      expect(row.notAttested).toBe(row.marks.filter((m) => m === 'NOT_ATTESTED').length);
    }
  });

  it("refuses a teacher of the class who does not lead it, another class's teacher, another school's admin and a guardian", async () => {
    for (const [login, vars] of [
      ['teacher', { classId, periodId }],
      ['class-teacher', { classId: class8bId, periodId }],
      ['admin2', { classId, periodId }],
      ['guardian', { classId, periodId }],
    ] as const) {
      const refused = await sheetOf(login, vars);
      expectCode(refused, 'FORBIDDEN');
      expect(refused.data?.summarySheet ?? null).toBeNull();
      const file = await platform.query({ login }, FILE, { ...vars, format: 'XLSX' });
      expectCode(file, 'FORBIDDEN');
    }
  });

  it('answers NOT_FOUND for an unknown class and BAD_USER_INPUT for a period of another school', async () => {
    expectCode(await sheetOf('admin', { classId: '00000000-0000-7000-8000-000000000000', periodId }), 'NOT_FOUND');
    const period = await sheetOf('admin', { classId, periodId: otherPeriodId });
    expectCode(period, 'BAD_USER_INPUT');
    expect((period.errors?.[0]?.extensions as { field?: string }).field).toBe('periodId');
  });

  it('writes the XLSX and the CSV with the numbers of the GraphQL answer', async () => {
    const sheet = (await sheetOf('admin', { classId, periodId })).data!.summarySheet;
    const file = await platform.query<{
      summarySheetFile: { filename: string; contentType: string; contentBase64: string };
    }>({ login: 'admin' }, FILE, { classId, periodId, format: 'XLSX' });
    expectOk(file);
    expect(file.data!.summarySheetFile.filename).toMatch(/^Сводная_ведомость_5А_.*\.xlsx$/);
    expect(file.data!.summarySheetFile.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(file.data!.summarySheetFile.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    const worksheet = workbook.worksheets[0]!;
    const lines: unknown[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row) =>
      lines.push(Array.from((row.values as unknown[]).slice(1), (cell) => cell ?? '')),
    );
    const head = lines.findIndex((line) => line[0] === '№');
    expect(lines[head]!.slice(2, 2 + sheet.subjects.length)).toEqual(sheet.subjects.map((s) => s.name));
    const text: Record<string, string | number> = {
      TWO: 2,
      THREE: 3,
      FOUR: 4,
      FIVE: 5,
      PASS: 'зач',
      FAIL: 'незач',
      NOT_ATTESTED: 'н/а',
    };
    sheet.rows.forEach((row, index) => {
      const line = lines[head + 1 + index]!;
      expect(line[1]).toBe(row.student.fullName);
      expect(line.slice(2, 2 + sheet.subjects.length)).toEqual(row.marks.map((m) => (m ? text[m] : '')));
      expect(line.slice(2 + sheet.subjects.length)).toEqual([
        row.average ?? '',
        row.twos,
        row.notAttested,
        row.attendance.missed,
        row.attendance.excused,
      ]);
    });
    const totals = lines[head + 1 + sheet.rows.length]!;
    expect(totals[1]).toBe('По классу');
    expect(totals.slice(2, 2 + sheet.subjects.length)).toEqual(sheet.subjectTotals.map((t) => t.average ?? ''));

    const csv = await platform.query<{ summarySheetFile: { filename: string; contentBase64: string } }>(
      { login: 'class-teacher' },
      FILE,
      { classId, periodId, format: 'CSV' },
    );
    expectOk(csv);
    const csvText = Buffer.from(csv.data!.summarySheetFile.contentBase64, 'base64').toString('utf8');
    expect(csvText.startsWith('\ufeffСводная ведомость 5А')).toBe(true);
    const mine = sheet.rows.find((row) => row.student.id === child)!;
    expect(csvText).toContain(`${mine.student.fullName};`);
  });

  it('runs the same statements for a class and for the class with 6 more learners', async () => {
    const run = async () => {
      await sheetOf('admin', { classId, periodId });
      let result: Awaited<ReturnType<typeof sheetOf>> | undefined;
      const statements = await platform.recordStatements(async () => {
        result = await sheetOf('admin', { classId, periodId });
      });
      expectOk(result!);
      return {
        rows: result!.data!.summarySheet.rows.length,
        statements: statements.map((s) => s.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…')).sort(),
      };
    };
    const before = await run();
    await platform.admin.sql`
      insert into learning.class_members (class_id, person_id, joined_on)
      select ${classId}, person_id, '2026-09-01' from learning.class_members
      where class_id = ${class8bId} and left_on is null order by person_id limit 6`;
    const after = await run();
    expect(after.rows).toBe(before.rows + 6);
    expect(after.statements).toEqual(before.statements);
  });
});

describe('табель', () => {
  it("shows the guardian and the pupil the child's period marks and attendance", async () => {
    for (const login of ['guardian', 'student']) {
      const card = await platform.query<{
        person: {
          reportCard: {
            periods: { id: string }[];
            subjects: { subject: { id: string }; periodMarks: ({ value: string } | null)[] }[];
            attendance: { missed: number; excused: number };
          } | null;
        };
      }>({ login }, CARD, { id: child });
      expectOk(card);
      const report = card.data!.person.reportCard!;
      const column = report.periods.findIndex((p) => p.id === periodId);
      const math = report.subjects.find((s) => s.subject.id === subjectId)!;
      expect(math.periodMarks[column]?.value).toBe('TWO');
      expect(math.periodMarks).toHaveLength(report.periods.length);
      const [totals] = await platform.admin.sql<{ missed: number; excused: number }[]>`
        select count(*) filter (where status <> 'LATE')::int as missed,
          count(*) filter (where status in ('SICK', 'EXCUSED'))::int as excused
        from learning.attendance where student_id = ${child} and school_year = 2026`;
      expect(report.attendance).toMatchObject(totals!);
    }
  });

  it("gives nobody else's family the card", async () => {
    const card = await platform.query<{ person: { reportCard: unknown } | null }>({ login: 'guardian2' }, CARD, {
      id: child,
    });
    expect(card.data?.person?.reportCard ?? null).toBeNull();
    const codes = (card.errors ?? []).map((error) => error.extensions?.code);
    expect(
      codes.some((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND'),
      JSON.stringify(card.errors),
    ).toBe(true);
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
