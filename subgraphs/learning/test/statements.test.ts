/**
 * Issue 3 (speed): the teacher's grid and a student's diary run a constant number of SQL statements,
 * whatever the class size and the length of the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectOk, TODAY } from './helpers.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
});
afterAll(async () => {
  await platform?.stop();
});

/** A statement's text without its parameters: a longer key list is the same statement. */
const shape = (statements: string[]) =>
  [...new Set(statements.map((s) => s.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…')))].sort();

describe('SQL statements', () => {
  it("runs the same statements for a two-week grid and a whole term's grid", async () => {
    const { class: cls, subject } = await assignmentOf(platform, 'teacher', '5А');
    const GRID = `query ($c: ID!, $s: ID!, $from: Date!, $to: Date!) { class(id: $c) { journal(subjectId: $s, from: $from, to: $to) {
      students { id } lessons { id topic homework { text } substitution { reason } } marks { value student { id } lesson { id } }
      attendance { status } periodMarks { value } } } }`;
    const runs: string[][] = [];
    for (const [from, to] of [
      ['2026-09-01', '2026-09-14'],
      ['2026-09-01', '2026-12-28'],
    ]) {
      runs.push(
        await platform.recordStatements(async () => {
          const result = await platform.query<{ class: { journal: { lessons: unknown[] } } }>(
            { login: 'teacher' },
            GRID,
            { c: cls.id, s: subject.id, from, to },
          );
          expectOk(result);
        }),
      );
    }
    expect(shape(runs[1]!)).toEqual(shape(runs[0]!));
    expect(runs[1]!.length).toBe(runs[0]!.length);
  });

  it('runs the same statements for a week and a month of the diary', async () => {
    const child = await personIdOf(platform.admin, 'student');
    const DIARY = `query ($id: ID!, $from: Date!, $to: Date!) { person(id: $id) { diary(from: $from, to: $to) {
      days { lessons { lesson { topic subject { name } homework { text } substitution { reason } } marks { value weight } attendance } } } } }`;
    await platform.query({ login: 'guardian' }, '{ me { person { id } } }');
    const runs: string[][] = [];
    for (const [from, to] of [
      ['2026-10-05', '2026-10-11'],
      ['2026-09-07', '2026-10-06'],
    ]) {
      runs.push(
        await platform.recordStatements(async () =>
          expectOk(await platform.query({ login: 'guardian' }, DIARY, { id: child, from, to })),
        ),
      );
    }
    expect(shape(runs[1]!)).toEqual(shape(runs[0]!));
    expect(runs[1]!.length).toBeLessThanOrEqual(runs[0]!.length + 1);
  });
});
