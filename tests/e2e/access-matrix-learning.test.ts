/**
 * The access matrix grows with learning (issue 3): each role × the learning fields of Person (diary,
 * marks, attendance, overdue homework, portfolio) × own and other rows, and each role × the journal of a
 * class — allowed and refused side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let math5a: { classId: string; subjectId: string };
let class4a: { classId: string; subjectId: string };

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const classOf = async (className: string, organizationOfLogin: string) => {
    const [row] = await platform.admin.sql<{ class_id: string; subject_id: string }[]>`
      select a.class_id, a.subject_id from learning.assignments a join learning.classes c on c.id = a.class_id
      join learning.class_members cm on cm.class_id = c.id
      where c.name = ${className} and c.school_year = 2026 and cm.person_id = ${await personIdOf(platform.admin, organizationOfLogin)}
      order by a.subject_id limit 1`;
    return { classId: row!.class_id, subjectId: row!.subject_id };
  };
  const [teacherRow] = await platform.admin.sql<{ class_id: string; subject_id: string }[]>`
    select a.class_id, a.subject_id from learning.assignments a join learning.classes c on c.id = a.class_id
    where a.teacher_id = ${await personIdOf(platform.admin, 'teacher')} and c.name = '5А' limit 1`;
  math5a = { classId: teacherRow!.class_id, subjectId: teacherRow!.subject_id };
  class4a = await classOf('4А', 'child-4a');
});
afterAll(async () => {
  await platform?.stop();
});

type Outcome = 'allow' | 'hidden';
const PERSON_CASES: [login: string, target: string, outcome: Outcome][] = [
  ['student', 'student', 'allow'],
  ['student', 'student-8b', 'hidden'],
  ['guardian', 'student', 'allow'],
  ['guardian', 'child-4a', 'hidden'],
  ['guardian2', 'student', 'hidden'],
  ['guardian2', 'child-4a', 'allow'],
  ['teacher', 'student', 'allow'],
  ['teacher', 'child-4a', 'hidden'],
  ['class-teacher', 'student', 'allow'],
  ['teacher-parent', 'child-3b', 'allow'],
  ['teacher-parent', 'student', 'allow'],
  ['admin', 'student', 'allow'],
  ['admin', 'child-4a', 'hidden'],
  ['admin2', 'child-4a', 'allow'],
  ['operator', 'student', 'allow'],
  ['analyst', 'student', 'hidden'],
  ['coordinator', 'student', 'hidden'],
];

const LEARNING_FIELDS = ['diary', 'marks', 'attendance', 'overdueHomework', 'portfolio'] as const;
const PERSON_QUERY = `query ($id: ID!) { person(id: $id) {
  id diary { from } marks { id } attendance { id } overdueHomework { id } portfolio { schoolYear }
} }`;

describe.each(PERSON_CASES)('%s reading the learning of %s', (login, target, outcome) => {
  it(`→ ${outcome}`, async () => {
    const result = await platform.query<{ person: Record<string, unknown> | null }>({ login }, PERSON_QUERY, {
      id: await personIdOf(platform.admin, target),
    });
    expect(result.status).toBe(200);
    if (outcome === 'hidden') {
      expect(result.data?.person).toBeNull();
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      return;
    }
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    for (const field of LEARNING_FIELDS) expect(result.data?.person?.[field], field).not.toBeNull();
  });
});

type Journal = 'allow' | 'forbid' | 'hidden';
const JOURNAL_CASES: [login: string, which: '5А' | '4А', outcome: Journal][] = [
  ['teacher', '5А', 'allow'],
  ['class-teacher', '5А', 'allow'],
  ['teacher-parent', '5А', 'forbid'],
  ['unlinked', '5А', 'hidden'],
  ['admin', '5А', 'allow'],
  ['admin', '4А', 'hidden'],
  ['admin2', '4А', 'allow'],
  ['coordinator', '5А', 'allow'],
  ['coordinator', '4А', 'hidden'],
  ['operator', '4А', 'allow'],
  ['analyst', '5А', 'hidden'],
  ['guardian', '5А', 'forbid'],
  ['student', '5А', 'forbid'],
  ['guardian2', '5А', 'hidden'],
];

describe.each(JOURNAL_CASES)('%s opening the journal of %s', (login, which, outcome) => {
  it(`→ ${outcome}`, async () => {
    const target = which === '5А' ? math5a : class4a;
    const result = await platform.query<{ class: { journal: { students: unknown[] } | null } | null }>(
      { login },
      'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { students { id } } } }',
      { c: target.classId, s: target.subjectId },
    );
    const codes = (result.errors ?? []).map((error) => error.extensions?.code);
    switch (outcome) {
      case 'allow':
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(result.data?.class?.journal?.students.length).toBeGreaterThan(0);
        break;
      case 'forbid':
        expect(codes).toContain('FORBIDDEN');
        break;
      case 'hidden':
        expect(result.data?.class).toBeNull();
        expect(codes).toEqual(['NOT_FOUND']);
        break;
    }
  });
});
