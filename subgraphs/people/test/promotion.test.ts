/**
 * The new school year in the movement book: one order moves a whole class into next year's class (a
 * repeater excepted), and the teacher granted that class then reaches its learners.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ principalTtlMs: 0 });
});
afterAll(async () => {
  await platform?.stop();
});

const RECORD = `mutation ($input: ClassMovementInput!) { recordClassMovement(input: $input) { kind className person { id } } }`;

describe('a class order', () => {
  it('transfers every learner of the class but the repeater, and the new class teacher sees them', async () => {
    const school = await organizationOf(platform, 'admin');
    const repeater = await personIdOf(platform.admin, 'student');
    const [current] = await platform.admin.sql<{ class_id: string }[]>`
      select class_id from people.enrolments where person_id = ${repeater} and ended_on is null`;
    const fromClassId = current!.class_id;
    const learners = await platform.admin.sql<{ person_id: string }[]>`
      select person_id from people.enrolments where class_id = ${fromClassId} and ended_on is null`;
    const toClassId = randomUUID();
    const input = {
      kind: 'TRANSFER',
      organizationId: school,
      fromClassId,
      toClassId,
      toClassName: '6А',
      orderNumber: '101-у',
      orderDate: '2027-05-30',
      effectiveOn: '2027-09-01',
      reason: 'Перевод в следующий класс',
      exceptPersonIds: [repeater],
    };
    expectCode(await platform.query({ login: 'teacher' }, RECORD, { input }), 'FORBIDDEN');
    const result = await platform.query<{ recordClassMovement: { className: string; person: { id: string } }[] }>(
      { login: 'admin' },
      RECORD,
      { input },
    );
    expectOk(result);
    expect(result.data!.recordClassMovement).toHaveLength(learners.length - 1);
    expect(result.data!.recordClassMovement.every((entry) => entry.className === '6А')).toBe(true);
    const [stays] = await platform.admin.sql<{ class_id: string }[]>`
      select class_id from people.enrolments where person_id = ${repeater} and ended_on is null`;
    expect(stays?.class_id).toBe(fromClassId);

    expectOk(
      await platform.query(
        { login: 'admin' },
        'mutation ($input: GrantRoleInput!) { grantRole(input: $input) { id } }',
        {
          input: {
            personId: await personIdOf(platform.admin, 'teacher'),
            role: 'TEACHER',
            organizationId: school,
            classId: toClassId,
          },
        },
      ),
    );
    const seen = await platform.query<{ persons: { totalCount: number } }>(
      { login: 'teacher' },
      'query ($c: ID!) { persons(filter: { classId: $c }) { totalCount } }',
      { c: toClassId },
    );
    expectOk(seen);
    expect(seen.data!.persons.totalCount).toBe(learners.length - 1);
  });
});
