import { expect } from 'vitest';
import type { GraphQLResponse, Platform } from '@region/tests/platform';

/** The demo's "today" for learning tests: a school day of the 2nd quarter of 2026/27. */
export const TODAY = new Date('2026-11-20T07:00:00Z');

export function expectCode(result: GraphQLResponse, code: string): void {
  expect(
    result.errors?.map((error) => error.extensions?.code),
    JSON.stringify(result.errors),
  ).toContain(code);
}

export function expectOk(result: GraphQLResponse): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

export interface Grid {
  class: { id: string; name: string };
  period: { id: string; name: string; closed: boolean } | null;
  students: { id: string }[];
  lessons: { id: string; date: string; topic: string | null }[];
  marks: { id: string; value: string; student: { id: string }; lesson: { id: string } }[];
  attendance: { student: { id: string }; lesson: { id: string }; status: string }[];
  editable: boolean;
}

const GRID = `query ($classId: ID!, $subjectId: ID!, $periodId: ID) {
  class(id: $classId) { journal(subjectId: $subjectId, periodId: $periodId) {
    class { id name } period { id name closed } editable
    students { id }
    lessons { id date topic }
    marks { id value student { id } lesson { id } }
    attendance { student { id } lesson { id } status }
  } }
}`;

export async function assignmentOf(platform: Platform, login: string, className?: string) {
  const result = await platform.query<{
    myAssignments: { class: { id: string; name: string }; subject: { id: string; name: string } }[];
  }>({ login }, '{ myAssignments { class { id name } subject { id name } } }');
  expectOk(result);
  const assignment = result.data!.myAssignments.find((a) => !className || a.class.name === className);
  if (!assignment) throw new Error(`${login} teaches no ${className ?? 'class'}`);
  return assignment;
}

export async function grid(platform: Platform, login: string, classId: string, subjectId: string, periodId?: string) {
  return platform.query<{ class: { journal: Grid } | null }>({ login }, GRID, { classId, subjectId, periodId });
}
