/**
 * The access matrix over combined principals (issue 9 §1, DOMAIN.md rule 5a): people who hold several roles
 * never reach more than each role reaches alone. The demo users with several roles, and combinations made
 * in this file's own database (a guardianship link added to a teacher, an org admin, a municipal
 * coordinator), × every learning and admissions field that carries a learner's data × the own row and
 * another row. A refusal asserts its code, or — where a list is filtered in SQL — that the row is absent
 * while the same query shows it to a principal who may read it (the regional operator), so every refused
 * case can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
/** Region-wide reader of journals and applications: the allowed side of every filtered list. */
const WITNESS = 'operator';

let platform: Platform;

interface Row {
  personId: string;
  classId: string;
  organizationId: string;
  /** A past lesson of the row's class where the row has a mark. */
  lessonId: string;
  subjectId: string;
  applicationId: string;
  birthCertificateNumber: string;
}

type PersonOutcome = 'allow' | 'forbid' | 'hidden';
/** allow: the row's marks are read; none: the class opens without the row; class-hidden: the class is NOT_FOUND. */
type JournalOutcome = 'allow' | 'none' | 'class-hidden';
type GridOutcome = 'allow' | 'FORBIDDEN' | 'NOT_FOUND';
type ApplicationOutcome = 'allow' | 'NOT_FOUND';
type SearchOutcome = 'allow' | 'empty' | 'FORBIDDEN';

interface Expectation {
  person: PersonOutcome;
  journal: JournalOutcome;
  grid: GridOutcome;
  application: ApplicationOutcome;
  search: SearchOutcome;
}

interface Case extends Expectation {
  combination: string;
  login: string;
  /** Which row: a key of `rows`. */
  row: string;
}

const rows = new Map<string, Row>();
let applicationSeq = 0;

async function sql<T extends object>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return platform.admin.sql<T[]>(strings, ...(values as never[]));
}

async function classOf(personId: string): Promise<{ id: string; organization_id: string }> {
  const [row] = await sql<{ id: string; organization_id: string }>`
    select c.id, c.organization_id from learning.class_members cm join learning.classes c on c.id = cm.class_id
    where cm.person_id = ${personId} and c.school_year = 2026 and cm.left_on is null`;
  if (!row) throw new Error(`no class for ${personId}`);
  return row;
}

/** A classmate with a consent to processing, a SNILS and marks, not among `exclude`: the card shows real data. */
async function classmate(classId: string, exclude: string[]): Promise<string> {
  const [row] = await sql<{ person_id: string }>`
    select cm.person_id from learning.class_members cm join people.persons p on p.id = cm.person_id
    where cm.class_id = ${classId} and cm.left_on is null and p.snils is not null and p.merged_into is null
      and not (cm.person_id = any(${exclude}::uuid[]))
      and exists (select 1 from people.consents k where k.person_id = p.id and k.kind = 'PROCESSING' and k.withdrawn_at is null)
      and exists (select 1 from learning.marks m where m.school_year = 2026 and m.student_id = cm.person_id
        and m.lesson_id is not null and m.deleted_at is null)
    order by cm.person_id limit 1`;
  if (!row) throw new Error(`no classmate in ${classId}`);
  return row.person_id;
}

/** The class of a demo student login's class, by name in the same organization. */
async function classNamed(organizationOfLogin: string, name: string): Promise<string> {
  const { organization_id } = await classOf(await personIdOf(platform.admin, organizationOfLogin));
  const [row] = await sql<{ id: string }>`
    select id from learning.classes where organization_id = ${organization_id} and name = ${name} and school_year = 2026`;
  if (!row) throw new Error(`no class ${name}`);
  return row.id;
}

/** Records a row: its class, a lesson with its mark (in a subject `teacherLogin` teaches, if given), an application. */
async function addRow(key: string, personId: string, teacherLogin?: string): Promise<void> {
  const place = await classOf(personId);
  const teacher = teacherLogin ? await personIdOf(platform.admin, teacherLogin) : null;
  const [lesson] = await sql<{ lesson_id: string; subject_id: string }>`
    select m.lesson_id, m.subject_id from learning.marks m
    where m.school_year = 2026 and m.student_id = ${personId} and m.class_id = ${place.id}
      and m.lesson_id is not null and m.deleted_at is null and m.date <= '2026-11-20'
      and (${teacher}::uuid is null or exists (select 1 from learning.assignments a
        where a.class_id = m.class_id and a.subject_id = m.subject_id and a.teacher_id = ${teacher}::uuid))
    order by m.date desc limit 1`;
  if (!lesson) throw new Error(`no marked lesson for ${key}`);
  const number = `CMB-${++applicationSeq}`;
  // A transfer application for the learner, to the learner's own school (rule 16: found by the certificate).
  const [application] = await sql<{ id: string }>`
    insert into admissions.applications (kind, year, child_id, child_last_name, child_first_name, child_birth_date,
      source, registered_at, category, birth_certificate_number)
    values ('TRANSFER', 2026, ${personId}, 'Перевод', 'Ученик', '2015-01-01', 'IN_PERSON', ${TODAY.toISOString()}, 'OTHER', ${number})
    returning id`;
  await sql`insert into admissions.application_choices (application_id, organization_id, preference)
    values (${application!.id}, ${place.organization_id}, 1)`;
  rows.set(key, {
    personId,
    classId: place.id,
    organizationId: place.organization_id,
    lessonId: lesson.lesson_id,
    subjectId: lesson.subject_id,
    applicationId: application!.id,
    birthCertificateNumber: number,
  });
}

/** Makes a demo person also the guardian of a child: the combined principal (GUARDIAN follows from the link). */
async function linkChild(guardianLogin: string, childId: string): Promise<void> {
  await sql`insert into people.guardianships (guardian_id, child_id)
    values (${await personIdOf(platform.admin, guardianLogin)}, ${childId})`;
}

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY, principalTtlMs: 0 });
  const id = (login: string) => personIdOf(platform.admin, login);
  const student = await id('student');
  const student8b = await id('student-8b');
  const child3b = await id('child-3b');
  const child4a = await id('child-4a');
  const class5a = (await classOf(student)).id;
  const class8b = (await classOf(student8b)).id;
  const class3b = (await classOf(child3b)).id;
  const class4a = (await classOf(child4a)).id;
  expect(class5a).toBe(await classNamed('student', '5А'));

  const taken = [student, student8b, child3b, child4a];
  const pick = async (classId: string) => {
    const chosen = await classmate(classId, taken);
    taken.push(chosen);
    return chosen;
  };
  const k1 = await pick(class5a); // teacher's own child in the class she teaches
  const k2 = await pick(class5a); // unlinked's child in a class he does not teach
  const k3 = await pick(class8b); // admin2's child in another school
  const k4 = await pick(class4a); // coordinator's child in another municipality
  const k5 = await pick(class4a); // teacher's second child, in another school
  const x3b = await pick(class3b); // a classmate of teacher-parent's child

  await linkChild('teacher', k1);
  await linkChild('teacher', k5);
  await linkChild('unlinked', k2);
  await linkChild('admin2', k3);
  await linkChild('coordinator', k4);

  await addRow('student', student, 'teacher');
  await addRow('student/russian', student, 'class-teacher');
  await addRow('student-8b', student8b);
  await addRow('child-3b', child3b);
  await addRow('3Б classmate', x3b);
  await addRow('child-4a', child4a);
  await addRow('K1 (5А)', k1, 'teacher');
  await addRow('K2 (5А)', k2);
  await addRow('K3 (8Б)', k3);
  await addRow('K4 (4А)', k4);
  await addRow('K5 (4А)', k5);
});
afterAll(async () => {
  await platform?.stop();
});

type Row5 = [
  person: PersonOutcome,
  journal: JournalOutcome,
  grid: GridOutcome,
  application: ApplicationOutcome,
  search: SearchOutcome,
];
const matrix = (combination: string, login: string, cases: [row: string, ...outcomes: Row5][]): Case[] =>
  cases.map(([row, person, journal, grid, application, search]) => ({
    combination,
    login,
    row,
    person,
    journal,
    grid,
    application,
    search,
  }));

// prettier-ignore
const CASES: Case[] = [
  //  row               card      journal         grid         application  search
  // Demo: teaches history in 5А of school 1-1, mother of child-3b in 3Б of school 1-2.
  ...matrix('teacher-parent (demo)', 'teacher-parent', [
    ['child-3b',        'allow',  'allow',        'FORBIDDEN', 'allow',     'FORBIDDEN'],
    ['3Б classmate',    'hidden', 'none',         'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN'],
    ['student',         'forbid', 'allow',        'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN'],
  ]),
  // Demo: class teacher of 5А who also teaches Russian there.
  ...matrix('class-teacher (demo)', 'class-teacher', [
    ['student/russian', 'forbid', 'allow',        'allow',     'NOT_FOUND', 'FORBIDDEN'],
    ['student-8b',      'hidden', 'class-hidden', 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN'],
  ]),
  // Teacher of 5А + parent of a 5А pupil: the class as a teacher, the child's personal data as a parent.
  ...matrix('teacher + guardian, same class', 'teacher', [
    ['K1 (5А)',         'allow',  'allow',        'allow',     'allow',     'FORBIDDEN'],
    ['student',         'forbid', 'allow',        'allow',     'NOT_FOUND', 'FORBIDDEN'],
  ]),
  // Teacher of 8Б + parent of a 5А pupil of the same school.
  ...matrix('teacher + guardian, another class', 'unlinked', [
    ['K2 (5А)',         'allow',  'allow',        'FORBIDDEN', 'allow',     'FORBIDDEN'],
    ['student',         'hidden', 'none',         'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN'],
  ]),
  // Teacher of 5А (school 1-1) + parent of a 4А pupil of school 2-1.
  ...matrix('teacher + guardian, another school', 'teacher', [
    ['K5 (4А)',         'allow',  'allow',        'FORBIDDEN', 'allow',     'FORBIDDEN'],
    ['child-4a',        'hidden', 'none',         'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN'],
  ]),
  // Admin of school 2-1 + parent of an 8Б pupil of school 1-1.
  ...matrix('org admin + guardian', 'admin2', [
    ['K3 (8Б)',         'allow',  'allow',        'FORBIDDEN', 'allow',     'allow'],
    ['student-8b',      'hidden', 'none',         'FORBIDDEN', 'NOT_FOUND', 'empty'],
    ['child-4a',        'allow',  'allow',        'allow',     'allow',     'allow'],
  ]),
  // Coordinator of municipality 1 + parent of a 4А pupil of school 2-1 (municipality 2). In her own
  // territory she reads journals and applications, never a learner's card (DOMAIN.md roles).
  ...matrix('coordinator + guardian', 'coordinator', [
    ['K4 (4А)',         'allow',  'allow',        'FORBIDDEN', 'allow',     'allow'],
    ['child-4a',        'hidden', 'none',         'FORBIDDEN', 'NOT_FOUND', 'empty'],
    ['student',         'hidden', 'allow',        'allow',     'allow',     'allow'],
  ]),
];

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);
const expectNoErrors = (result: GraphQLResponse<unknown>) =>
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();

const PERSON = `query ($id: ID!) { person(id: $id) {
  id snils marks { id } attendance { id } diary { from } overdueHomework { id } portfolio { schoolYear } classes { id }
  applications { id }
} }`;
type PersonResult = {
  person: {
    id: string;
    snils: string | null;
    marks: { id: string }[] | null;
    attendance: unknown[] | null;
    diary: unknown;
    overdueHomework: unknown[] | null;
    portfolio: unknown;
    classes: { id: string }[];
    applications: { id: string }[] | null;
  } | null;
};

const CLASS = `query ($id: ID!) { class(id: $id) { id students {
  id marks { id } attendance { id } diary { from } overdueHomework { id } portfolio { schoolYear }
} } }`;
type ClassResult = {
  class: {
    students: {
      id: string;
      marks: { id: string }[] | null;
      attendance: unknown[] | null;
      diary: unknown;
      portfolio: unknown;
    }[];
  } | null;
};

const LESSON = `query ($id: ID!) { lesson(id: $id) {
  id marks { id student { id } history { changedAt } } attendance { student { id } }
} }`;
type LessonResult = {
  lesson: {
    marks: { id: string; student: { id: string }; history: unknown[] }[];
    attendance: { student: { id: string } }[];
  } | null;
};

const GRID = `query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) {
  students { id } marks { student { id } } attendance { student { id } }
} } }`;

const APPLICATION = `query ($id: ID!) { application(id: $id) {
  id childName childBirthDate child { id } history { to } queuePositions { position }
} }`;
const LIST = 'query ($o: ID!) { applications(organizationId: $o, first: 200) { edges { node { id } } } }';
const SEARCH = 'query ($n: String!) { searchApplications(birthCertificateNumber: $n) { id } }';

/** The row's marks through the class roster and through the lesson. */
async function journalOf(login: string, row: Row) {
  const roster = await platform.query<ClassResult>({ login }, CLASS, { id: row.classId });
  const lesson = await platform.query<LessonResult>({ login }, LESSON, { id: row.lessonId });
  return { roster, lesson };
}

function expectJournalReadable({ roster, lesson }: Awaited<ReturnType<typeof journalOf>>, row: Row): void {
  expectNoErrors(roster);
  const entry = roster.data?.class?.students.find((student) => student.id === row.personId);
  expect(entry, 'the row in the class roster').toBeDefined();
  expect(entry!.marks?.length, 'marks').toBeGreaterThan(0);
  expect(entry!.attendance, 'attendance').not.toBeNull();
  expect(entry!.diary, 'diary').not.toBeNull();
  expect(entry!.portfolio, 'portfolio').not.toBeNull();
  expectNoErrors(lesson);
  expect(
    lesson.data?.lesson?.marks.some((mark) => mark.student.id === row.personId),
    'lesson marks',
  ).toBe(true);
}

describe.each(CASES)('$combination: $login reading $row', (testCase) => {
  const row = () => rows.get(testCase.row)!;

  it(`reads the card → ${testCase.person}`, async () => {
    const result = await platform.query<PersonResult>({ login: testCase.login }, PERSON, { id: row().personId });
    switch (testCase.person) {
      case 'allow':
        expectNoErrors(result);
        expect(result.data?.person?.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
        break;
      case 'forbid':
        expect(result.data?.person?.id).toBe(row().personId);
        expect(result.data?.person?.snils).toBeNull();
        expect(
          (result.errors ?? [])
            .filter((error) => error.path?.join('.') === 'person.snils')
            .map((e) => e.extensions?.code),
        ).toEqual(['FORBIDDEN']);
        break;
      case 'hidden':
        expect(result.data?.person).toBeNull();
        expect(codes(result)).toEqual(['NOT_FOUND']);
        break;
    }
    if (testCase.person !== 'hidden' && testCase.journal === 'allow') {
      const person = result.data!.person!;
      expect(person.marks?.length, 'Person.marks').toBeGreaterThan(0);
      for (const field of ['attendance', 'diary', 'overdueHomework', 'portfolio'] as const)
        expect(person[field], `Person.${field}`).not.toBeNull();
      expect(person.classes.map((c) => c.id)).toContain(row().classId);
    }
    if (testCase.person !== 'hidden') {
      const applications = result.data!.person!.applications?.map((a) => a.id) ?? [];
      expect(applications.includes(row().applicationId), 'Person.applications').toBe(testCase.application === 'allow');
    }
  });

  it(`reads the marks, attendance, diary and portfolio in the class and the lesson → ${testCase.journal}`, async () => {
    const seen = await journalOf(testCase.login, row());
    switch (testCase.journal) {
      case 'allow':
        expectJournalReadable(seen, row());
        return;
      case 'none':
        expectNoErrors(seen.roster);
        expect(seen.roster.data?.class, 'the class opens').not.toBeNull();
        expect(seen.roster.data?.class?.students.map((s) => s.id)).not.toContain(row().personId);
        expectNoErrors(seen.lesson);
        expect(seen.lesson.data?.lesson?.marks.map((m) => m.student.id)).not.toContain(row().personId);
        expect(seen.lesson.data?.lesson?.attendance.map((a) => a.student.id)).not.toContain(row().personId);
        break;
      case 'class-hidden':
        expect(seen.roster.data?.class).toBeNull();
        expect(codes(seen.roster)).toEqual(['NOT_FOUND']);
        expect(seen.lesson.data?.lesson).toBeNull();
        expect(codes(seen.lesson)).toEqual(['NOT_FOUND']);
        break;
    }
    // The same queries show the row to a principal who may read it: the refusal above is row scope.
    expectJournalReadable(await journalOf(WITNESS, row()), row());
  });

  it(`opens the class journal → ${testCase.grid}`, async () => {
    const result = await platform.query<{ class: { journal: { students: unknown[] } } | null }>(
      { login: testCase.login },
      GRID,
      { c: row().classId, s: row().subjectId },
    );
    if (testCase.grid === 'allow') {
      expectNoErrors(result);
      expect(result.data?.class?.journal.students.length).toBeGreaterThan(0);
    } else {
      expect(result.data?.class).toBeNull();
      expect(codes(result)).toEqual([testCase.grid]);
    }
  });

  it(`reads the application by id and in the school's list → ${testCase.application}`, async () => {
    const byId = await platform.query<{ application: { id: string } | null }>({ login: testCase.login }, APPLICATION, {
      id: row().applicationId,
    });
    const list = await platform.query<{ applications: { edges: { node: { id: string } }[] } }>(
      { login: testCase.login },
      LIST,
      { o: row().organizationId },
    );
    expectNoErrors(list);
    const listed = list.data!.applications.edges.map((edge) => edge.node.id);
    if (testCase.application === 'allow') {
      expectNoErrors(byId);
      expect(byId.data?.application?.id).toBe(row().applicationId);
      expect(listed).toContain(row().applicationId);
    } else {
      expect(byId.data?.application).toBeNull();
      expect(codes(byId)).toEqual(['NOT_FOUND']);
      expect(listed).not.toContain(row().applicationId);
      const witness = await platform.query<{ applications: { edges: { node: { id: string } }[] } }>(
        { login: WITNESS },
        LIST,
        { o: row().organizationId },
      );
      expect(witness.data?.applications.edges.map((edge) => edge.node.id)).toContain(row().applicationId);
    }
  });

  it(`finds the application by the birth certificate → ${testCase.search}`, async () => {
    const result = await platform.query<{ searchApplications: { id: string }[] | null }>(
      { login: testCase.login },
      SEARCH,
      { n: row().birthCertificateNumber },
    );
    switch (testCase.search) {
      case 'allow':
        expectNoErrors(result);
        expect(result.data?.searchApplications?.map((a) => a.id)).toEqual([row().applicationId]);
        return;
      case 'FORBIDDEN':
        expect(codes(result)).toEqual(['FORBIDDEN']);
        break;
      case 'empty':
        expectNoErrors(result);
        expect(result.data?.searchApplications).toEqual([]);
        break;
    }
    const witness = await platform.query<{ searchApplications: { id: string }[] }>({ login: WITNESS }, SEARCH, {
      n: row().birthCertificateNumber,
    });
    expect(witness.data?.searchApplications.map((a) => a.id)).toEqual([row().applicationId]);
  });
});

describe('the example of issue 9: a teacher who is also a parent, in her child’s class', () => {
  it('reads her child’s marks, attendance, diary and portfolio in 3Б, and nobody else’s', async () => {
    const child = rows.get('child-3b')!;
    const result = await platform.query<ClassResult>({ login: 'teacher-parent' }, CLASS, { id: child.classId });
    expectNoErrors(result);
    expect(result.data?.class?.students.map((student) => student.id)).toEqual([child.personId]);
    const whole = await platform.query<ClassResult>({ login: WITNESS }, CLASS, { id: child.classId });
    expect(whole.data?.class?.students.length).toBeGreaterThan(10);
  });
});

describe('a teaching assignment counts only where the teacher holds a teaching grant', () => {
  it('gives a class teacher of school 1-1 no reach into a class of school 2-1 from an assignment alone', async () => {
    const row = rows.get('child-4a')!;
    const teacher = await personIdOf(platform.admin, 'class-teacher');
    await sql`insert into learning.assignments (class_id, subject_id, teacher_id)
      values (${row.classId}, ${row.subjectId}, ${teacher})`;
    const roster = await platform.query<ClassResult>({ login: 'class-teacher' }, CLASS, { id: row.classId });
    expect(roster.data?.class).toBeNull();
    expect(codes(roster)).toEqual(['NOT_FOUND']);
    const grid = await platform.query({ login: 'class-teacher' }, GRID, { c: row.classId, s: row.subjectId });
    expect(codes(grid)).toEqual(['NOT_FOUND']);
    const save = await platform.query(
      { login: 'class-teacher' },
      'mutation ($input: SaveLessonInput!) { saveLesson(input: $input) { id } }',
      { input: { lessonId: row.lessonId, topic: 'Чужая школа' } },
    );
    expect(codes(save)).toEqual(['FORBIDDEN']);
    // The admin of that school opens the same class: the refusals above are the missing grant.
    expectNoErrors(await platform.query({ login: 'admin2' }, CLASS, { id: row.classId }));
  });
});

describe('ГИР ВУ (issue 12): the list of learners turning 17 under combined roles', () => {
  // The rows' learners are made 17 this year (born 2009; the file's clock is November 2026), with consent.
  const TURNING_17 = ['K3 (8Б)', 'K4 (4А)', 'child-4a', 'student'];
  beforeAll(async () => {
    for (const key of TURNING_17) {
      const { personId } = rows.get(key)!;
      await sql`update people.persons set birth_date = '2009-05-05', citizenship = 'RUS' where id = ${personId}`;
      await sql`insert into people.consents (person_id, kind) select ${personId}, 'PROCESSING'
        where not exists (select 1 from people.consents where person_id = ${personId} and kind = 'PROCESSING'
          and withdrawn_at is null)`;
    }
  });

  const LIST = `query ($o: ID) { militaryRegistration(organizationId: $o) {
    learners(first: 200) { edges { node { personId snils } } }
  } }`;
  type ListResult = { militaryRegistration: { learners: { edges: { node: { personId: string } }[] } } | null };
  const listOf = (login: string, organizationId: string | null = null) =>
    platform.query<ListResult>({ login }, LIST, { o: organizationId });

  // listed: in the principal's unfiltered list; absent: not in it (and the row's school, asked for by name, is
  // FORBIDDEN), while the regional operator lists it; FORBIDDEN: the whole list is refused.
  // prettier-ignore
  const MILITARY: [combination: string, login: string, row: string, outcome: 'listed' | 'absent' | 'FORBIDDEN'][] = [
    ['teacher-parent (demo)',                       'teacher-parent', 'student',  'FORBIDDEN'],
    ['teacher + guardian, another school',          'teacher',        'K5 (4А)',  'FORBIDDEN'],
    ['org admin + guardian: own school',            'admin2',         'child-4a', 'listed'],
    ['org admin + guardian: the child’s school',    'admin2',         'K3 (8Б)',  'absent'],
    ['coordinator + guardian: own municipality',    'coordinator',    'student',  'listed'],
    ['coordinator + guardian: the child’s municipality', 'coordinator', 'K4 (4А)', 'absent'],
    ['analyst',                                     'analyst',        'student',  'FORBIDDEN'],
  ];

  it.each(MILITARY)('%s: %s reading %s → %s', async (_, login, key, outcome) => {
    const row = rows.get(key)!;
    const result = await listOf(login);
    if (outcome === 'FORBIDDEN') {
      expect(result.data?.militaryRegistration ?? null).toBeNull();
      expect(codes(result)).toEqual(['FORBIDDEN']);
      return;
    }
    expectNoErrors(result);
    const listed = result.data!.militaryRegistration!.learners.edges.map((edge) => edge.node.personId);
    if (outcome === 'listed') {
      expect(listed).toContain(row.personId);
      return;
    }
    expect(listed).not.toContain(row.personId);
    const named = await listOf(login, row.organizationId);
    expect(named.data?.militaryRegistration ?? null).toBeNull();
    expect(codes(named)).toEqual(['FORBIDDEN']);
    const witness = await listOf(WITNESS, row.organizationId);
    expectNoErrors(witness);
    expect(witness.data!.militaryRegistration!.learners.edges.map((edge) => edge.node.personId)).toContain(
      row.personId,
    );
  });
});

/**
 * Extra-education certificates (issue 11, rule 19): the code identifies the child, so a certificate is read
 * by id and on the child's card (`Person.extraCertificate`) only where one grant reaches it — a guardian their
 * linked children's, a coordinator their municipality's, an organization the children who applied to it —
 * never through another grant of the same person. Refusals are `NOT_FOUND` by id and `null` on the card,
 * and the witness reads the same certificate.
 */
/** FORBIDDEN: no grant of the principal carries `extra:read` at all (the gateway refuses the field). */
type CertificateOutcome = 'allow' | 'NOT_FOUND' | 'FORBIDDEN';
// prettier-ignore
const CERTIFICATE_CASES: [combination: string, login: string, row: string, outcome: CertificateOutcome][] = [
  ['teacher-parent (demo)',                'teacher-parent', 'child-3b',     'allow'],
  ['teacher-parent (demo)',                'teacher-parent', '3Б classmate', 'NOT_FOUND'],
  ['teacher-parent (demo)',                'teacher-parent', 'student',      'NOT_FOUND'],
  ['class-teacher (demo)',                 'class-teacher',  'student',      'FORBIDDEN'],
  ['teacher + guardian, same class',       'teacher',        'K1 (5А)',      'allow'],
  ['teacher + guardian, same class',       'teacher',        'student',      'NOT_FOUND'],
  ['teacher + guardian, another class',    'unlinked',       'K2 (5А)',      'allow'],
  ['teacher + guardian, another class',    'unlinked',       'student',      'NOT_FOUND'],
  ['teacher + guardian, another school',   'teacher',        'K5 (4А)',      'allow'],
  ['teacher + guardian, another school',   'teacher',        'child-4a',     'NOT_FOUND'],
  // An organization reads the certificates of children who applied to it or hold a contract with it only.
  ['org admin + guardian',                 'admin2',         'K3 (8Б)',      'allow'],
  ['org admin + guardian',                 'admin2',         'student-8b',   'NOT_FOUND'],
  ['org admin + guardian',                 'admin2',         'child-4a',     'NOT_FOUND'],
  // Coordinator of municipality 1 + parent of a pupil in municipality 2.
  ['coordinator + guardian',               'coordinator',    'K4 (4А)',      'allow'],
  ['coordinator + guardian',               'coordinator',    'child-4a',     'NOT_FOUND'],
  ['coordinator + guardian',               'coordinator',    'student',      'allow'],
];

describe('extra-education certificates over combined principals', () => {
  const certificates = new Map<string, string>();
  const CERTIFICATE = `query ($id: ID!) { certificate(id: $id) {
    id code depersonalized status statusHistory { status } money { credited } ledger { kind } child { id }
  } }`;
  const CARD = 'query ($id: ID!) { person(id: $id) { id extraCertificate { id code } } }';

  beforeAll(async () => {
    // The rows below are the only extra-education records: the demo region's certificates, applications and
    // contracts (which would open a certificate to the organization a child applied to) are dropped here.
    await sql`truncate extra_education.outbox, extra_education.ledger_entries,
      extra_education.certificate_status_changes, extra_education.contracts,
      extra_education.application_status_history, extra_education.applications, extra_education.certificates`;
    let code = 3_000_000_000;
    for (const [key, row] of rows) {
      if (key === 'student/russian') continue;
      const [organization] = await sql<{ municipality_id: string }>`
        select municipality_id from people.organizations where id = ${row.organizationId}`;
      const [certificate] = await sql<{ id: string }>`
        insert into extra_education.certificates (person_id, code, issued_on, source, municipality_id)
        values (${row.personId}, ${String(++code)}, '2026-11-01', 'CABINET', ${organization!.municipality_id})
        returning id`;
      await sql`insert into extra_education.certificate_status_changes (certificate_id, status, reason)
        values (${certificate!.id}, 'FROZEN', 'Сертификат выдан')`;
      certificates.set(key, certificate!.id);
    }
  });

  it.each(CERTIFICATE_CASES)('%s: %s reading the certificate of %s → %s', async (_, login, key, outcome) => {
    const id = certificates.get(key)!;
    const personId = rows.get(key)!.personId;
    const byId = await platform.query<{ certificate: { id: string; code: string | null } | null }>(
      { login },
      CERTIFICATE,
      { id },
    );
    const card = await platform.query<{ person: { extraCertificate: { id: string } | null } | null }>({ login }, CARD, {
      id: personId,
    });
    if (outcome === 'allow') {
      expectNoErrors(byId);
      expect(byId.data?.certificate?.id).toBe(id);
      expect(byId.data?.certificate?.code).toMatch(/^\d{10}$/);
      // A coordinator never opens a learner's card (people's scope); where the card opens, it shows the certificate.
      if (card.data?.person) {
        expectNoErrors(card);
        expect(card.data.person.extraCertificate?.id).toBe(id);
      } else expect(codes(card)).toEqual(['NOT_FOUND']);
      return;
    }
    expect(byId.data?.certificate).toBeNull();
    expect(codes(byId)).toEqual([outcome]);
    // The card may itself be hidden (people's scope); where it opens, the certificate on it is null.
    expect(card.data?.person?.extraCertificate ?? null).toBeNull();
    if (card.data?.person && outcome === 'NOT_FOUND') expect(card.errors ?? []).toEqual([]);
    if (card.data?.person && outcome === 'FORBIDDEN')
      expect(
        (card.errors ?? [])
          .filter((error) => error.path?.join('.') === 'person.extraCertificate')
          .map((error) => error.extensions?.code),
      ).toEqual(['FORBIDDEN']);
    const witness = await platform.query<{ certificate: { id: string } | null }>({ login: WITNESS }, CERTIFICATE, {
      id,
    });
    expectNoErrors(witness);
    expect(witness.data?.certificate?.id).toBe(id);
  });

  it('an organization reads the certificate of a child who applied to it', async () => {
    const row = rows.get('child-4a')!;
    const [program] = await sql<{ group_id: string }>`
      select g.id as group_id from extra_education.groups g limit 1`;
    const before = await platform.query({ login: 'admin2' }, CERTIFICATE, { id: certificates.get('child-4a') });
    expect(codes(before)).toEqual(['NOT_FOUND']);
    await sql`insert into extra_education.applications (group_id, organization_id, child_id, source, status)
      values (${program!.group_id}, ${row.organizationId}, ${row.personId}, 'CABINET', 'SUBMITTED')`;
    const after = await platform.query<{ certificate: { id: string } | null }>({ login: 'admin2' }, CERTIFICATE, {
      id: certificates.get('child-4a'),
    });
    expectNoErrors(after);
    expect(after.data?.certificate?.id).toBe(certificates.get('child-4a'));
  });
});

/**
 * Extra education (issue 11): applications and contracts of extra-education groups, by id, in the
 * organization's contract list and through `Person.extraApplications`, for the same combined principals and
 * for a centre's admin who is also a parent. A refused row is NOT_FOUND by id and absent from the lists
 * while the regional operator sees it there.
 */
describe('extra-education applications and contracts under combined roles', () => {
  type ExtraOutcome = 'allow' | 'NOT_FOUND';
  const extraRows = new Map<
    string,
    { personId: string; organizationId: string; applicationId: string; contractId: string }
  >();
  const centres: Record<'centre-1' | 'centre-2', string> = { 'centre-1': '', 'centre-2': '' };

  /** An enrolled application and its budget contract of the row's child in a group of the centre. */
  async function enrol(row: string, centre: 'centre-1' | 'centre-2') {
    const personId = rows.get(row)!.personId;
    const organizationId = centres[centre];
    const [group] = await sql<{ id: string }>`
      select g.id from extra_education.groups g join extra_education.programmes p on p.id = g.programme_id
      where p.organization_id = ${organizationId} and p.status = 'PUBLISHED' order by g.id limit 1`;
    const [application] = await sql<{ id: string }>`
      insert into extra_education.applications (group_id, organization_id, child_id, source, status, payment_method)
      values (${group!.id}, ${organizationId}, ${personId}, 'CABINET', 'ENROLLED', 'BUDGET') returning id`;
    const [contract] = await sql<{ id: string }>`
      insert into extra_education.contracts (application_id, group_id, organization_id, child_id, payment_method,
        price_per_month, concluded_on)
      values (${application!.id}, ${group!.id}, ${organizationId}, ${personId}, 'BUDGET', 0, '2026-11-01') returning id`;
    // What extra-education's outbox tells people for such a contract: the centre names the child.
    await sql`insert into people.extra_education_links (application_id, person_id, organization_id, changed_at)
      values (${application!.id}, ${personId}, ${organizationId}, now())`;
    extraRows.set(`${row}@${centre}`, {
      personId,
      organizationId,
      applicationId: application!.id,
      contractId: contract!.id,
    });
  }

  beforeAll(async () => {
    // The centres of municipalities 1 (the `extra-admin`'s) and 2 (child-4a's school's).
    const [own] = await sql<{ organization_id: string }>`
      select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
      where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000121'`;
    centres['centre-1'] = own!.organization_id;
    const [other] = await sql<{ id: string }>`
      select o.id from people.organizations o
      where o.type = 'EXTRA_EDUCATION' and o.municipality_id = (select municipality_id from people.organizations
        where id = ${rows.get('child-4a')!.organizationId})
        and exists (select 1 from extra_education.programmes p where p.organization_id = o.id and p.status = 'PUBLISHED')
      order by o.id limit 1`;
    centres['centre-2'] = other!.id;
    await linkChild('extra-admin', rows.get('K3 (8Б)')!.personId);
    for (const [row, centre] of [
      ['child-3b', 'centre-1'],
      ['3Б classmate', 'centre-1'],
      ['K1 (5А)', 'centre-1'],
      ['student', 'centre-1'],
      ['K3 (8Б)', 'centre-1'],
      ['student-8b', 'centre-1'],
      ['child-4a', 'centre-2'],
      ['K4 (4А)', 'centre-2'],
      ['K3 (8Б)', 'centre-2'],
      ['K5 (4А)', 'centre-2'],
    ] as const)
      await enrol(row, centre);
  });

  // prettier-ignore
  const EXTRA_CASES: { combination: string; login: string; row: string; outcome: ExtraOutcome; card?: 'hidden' }[] = [
    { combination: 'teacher-parent (demo)', login: 'teacher-parent', row: 'child-3b@centre-1', outcome: 'allow' },
    { combination: 'teacher-parent (demo)', login: 'teacher-parent', row: '3Б classmate@centre-1', outcome: 'NOT_FOUND' },
    { combination: 'teacher + guardian', login: 'teacher', row: 'K1 (5А)@centre-1', outcome: 'allow' },
    { combination: 'teacher + guardian', login: 'teacher', row: 'student@centre-1', outcome: 'NOT_FOUND' },
    { combination: 'org admin + guardian', login: 'admin2', row: 'K3 (8Б)@centre-1', outcome: 'allow' },
    { combination: 'org admin + guardian', login: 'admin2', row: 'student-8b@centre-1', outcome: 'NOT_FOUND' },
    { combination: 'org admin + guardian', login: 'admin2', row: 'child-4a@centre-2', outcome: 'NOT_FOUND' },
    { combination: 'coordinator + guardian', login: 'coordinator', row: 'K4 (4А)@centre-2', outcome: 'allow' },
    { combination: 'coordinator + guardian', login: 'coordinator', row: 'child-4a@centre-2', outcome: 'NOT_FOUND' },
    { combination: 'coordinator + guardian', login: 'coordinator', row: 'student@centre-1', outcome: 'allow', card: 'hidden' },
    { combination: 'centre admin + guardian', login: 'extra-admin', row: 'K3 (8Б)@centre-2', outcome: 'allow' },
    { combination: 'centre admin + guardian', login: 'extra-admin', row: 'K5 (4А)@centre-2', outcome: 'NOT_FOUND' },
    // The centre names a child contracted with it (people's extra-education link), so the card opens.
    { combination: 'centre admin + guardian', login: 'extra-admin', row: 'student@centre-1', outcome: 'allow' },
  ];

  const BY_ID = `query ($id: ID!) { extraApplication(id: $id) {
    id child { id } status paymentMethod history { to } contract { id paymentMethod active }
  } }`;
  const CONTRACTS = `query ($o: ID) { extraContracts(organizationId: $o, first: 200) { edges { node { id child { id } } } } }`;
  const OF_PERSON = 'query ($id: ID!) { person(id: $id) { extraApplications { id } extraContracts { id } } }';
  type ById = { extraApplication: { id: string; contract: { id: string } | null } | null };
  type Contracts = { extraContracts: { edges: { node: { id: string } }[] } };
  type OfPerson = { person: { extraApplications: { id: string }[]; extraContracts: { id: string }[] } | null };

  const listed = (result: GraphQLResponse<Contracts>, id: string) =>
    result.data?.extraContracts.edges.some((edge) => edge.node.id === id) ?? false;
  const viaPerson = (result: GraphQLResponse<OfPerson>, id: string) =>
    result.data?.person?.extraApplications.some((application) => application.id === id) ?? false;

  // `card: 'hidden'`: the territory reaches the application but not the learner's card (a coordinator over a
  // school's pupil), so `Person.extraApplications` is not reached through people.
  describe.each(EXTRA_CASES)('$combination: $login reading $row', ({ login, row, outcome, card }) => {
    it(`reads the application, its contract and the person's lists → ${outcome}`, async () => {
      const target = extraRows.get(row)!;
      const byId = await platform.query<ById>({ login }, BY_ID, { id: target.applicationId });
      const contracts = await platform.query<Contracts>({ login }, CONTRACTS, { o: target.organizationId });
      const ofPerson = await platform.query<OfPerson>({ login }, OF_PERSON, { id: target.personId });
      if (outcome === 'allow') {
        expectNoErrors(byId);
        expect(byId.data?.extraApplication).toMatchObject({
          id: target.applicationId,
          contract: { id: target.contractId },
        });
        expectNoErrors(contracts);
        expect(listed(contracts, target.contractId), 'in the contract list').toBe(true);
        if (card === 'hidden') expect(codes(ofPerson)).toEqual(['NOT_FOUND']);
        else expect(viaPerson(ofPerson, target.applicationId), 'Person.extraApplications').toBe(true);
      } else {
        expect(codes(byId)).toContain('NOT_FOUND');
        expect(listed(contracts, target.contractId), 'in the contract list').toBe(false);
        expect(viaPerson(ofPerson, target.applicationId), 'Person.extraApplications').toBe(false);
        // The witness sees the same row through the same queries: the refusal is the principal's scope.
        const witnessList = await platform.query<Contracts>({ login: WITNESS }, CONTRACTS, {
          o: target.organizationId,
        });
        expect(listed(witnessList, target.contractId)).toBe(true);
        const witnessPerson = await platform.query<OfPerson>({ login: WITNESS }, OF_PERSON, { id: target.personId });
        expect(viaPerson(witnessPerson, target.applicationId)).toBe(true);
      }
    });
  });

  it('refuses the centre’s decisions to a guardian and a coordinator before planning (extra:manage)', async () => {
    const target = extraRows.get('K1 (5А)@centre-1')!;
    const DECIDE = 'mutation ($id: ID!) { decideExtraApplication(id: $id, accept: true) { id } }';
    for (const login of ['teacher', 'coordinator']) {
      const result = await platform.query({ login }, DECIDE, { id: target.applicationId });
      expect(codes(result)).toContain('FORBIDDEN');
    }
  });
});
