/**
 * Issue 3 (speed): the statements of the teacher's grid and of a student's diary read the partitioned
 * lessons, marks and attendance through their indexes, never by scanning a partition. The plans are
 * written to docs/query-plans.md so that a reader sees them.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
const plans: { title: string; query: string; plan: string }[] = [];

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  await platform.admin.sql`analyze`;
});
afterAll(async () => {
  if (plans.length) {
    const body = plans
      .map((p) => `## ${p.title}\n\n\`\`\`sql\n${p.query}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\`\n`)
      .join('\n');
    writeFileSync(
      new URL('../../../docs/query-plans.md', import.meta.url),
      `# Query plans of the journal and the diary\n\nWritten by \`subgraphs/learning/test/plans.test.ts\` on the demo region (seed 20250901), ` +
        `after ANALYZE. Each statement reading lessons, marks or attendance is bounded by school year and served by an index.\n\n${body}`,
    );
  }
  await platform?.stop();
});

const PARTITIONED = /(lessons|marks|attendance)_(2026|default)/;

async function explain(title: string, run: () => Promise<void>) {
  const statements = await platform.recordStatementsWithParams(run);
  const touching = statements.filter((s) => /"learning"\."(lessons|marks|attendance)"/.test(s.query));
  expect(touching.length).toBeGreaterThan(0);
  for (const statement of touching) {
    const rows = await platform.admin.sql.unsafe(`explain ${statement.query}`, statement.params as never[]);
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n');
    plans.push({
      title: `${title}: ${statement.query.match(/from "learning"\."(\w+)"/)?.[1] ?? 'query'}`,
      query: statement.query,
      plan,
    });
    for (const line of plan.split('\n').filter((l) => PARTITIONED.test(l))) {
      expect(line, `${title}\n${plan}`).not.toMatch(/Seq Scan/);
    }
  }
}

describe('query plans', () => {
  it("serves the teacher's grid from indexes", async () => {
    const { class: cls, subject } = await assignmentOf(platform, 'teacher', '5А');
    await explain("Teacher's grid", async () => {
      expectOk(
        await platform.query(
          { login: 'teacher' },
          'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { lessons { id } marks { id } attendance { status } periodMarks { id } } } }',
          {
            c: cls.id,
            s: subject.id,
          },
        ),
      );
    });
  });

  it("serves a student's diary from indexes", async () => {
    const child = await personIdOf(platform.admin, 'student');
    await explain('Diary', async () => {
      expectOk(
        await platform.query(
          { login: 'guardian' },
          'query ($id: ID!) { person(id: $id) { diary(from: "2026-10-12", to: "2026-10-18") { days { lessons { marks { value } attendance } } } } }',
          { id: child },
        ),
      );
    });
  });
});
