/**
 * The end-to-end story across two cabinets, in a real Chromium against the real servers: a teacher
 * enters a mark in the journal grid, and the child's guardian, signing in next, sees it in the diary. And
 * the refused side: the guardian of another family does not see that child's diary.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Friday 23 October 2026 in the region: the first quarter is still open for marks. */
const NOW = new Date('2026-10-23T04:00:00Z');
const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));

function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

let platform: Platform;
let browser: Browser;
let cell: { lessonId: string; date: string; childId: string; fullName: string; classId: string; subjectId: string };

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: NOW });
  browser = await launchBrowser();
  // The demo closes the first quarter on 27 October; on the 23rd it is still open.
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  const guardianId = await personIdOf(platform.admin, 'guardian');
  // A lesson of the teacher's where the guardian's child in that class has no mark yet.
  const [row] = await platform.admin.sql<(typeof cell)[]>`
    select l.id as "lessonId", to_char(l.date, 'YYYY-MM-DD') as date, g.child_id as "childId",
      concat_ws(' ', p.last_name, p.first_name, p.middle_name) as "fullName",
      l.class_id as "classId", l.subject_id as "subjectId"
    from learning.lessons l
      join people.enrolments e on e.class_id = l.class_id and e.ended_on is null
      join people.guardianships g on g.child_id = e.person_id and g.guardian_id = ${guardianId}
      join people.persons p on p.id = g.child_id
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-12' and '2026-10-23'
      and not exists (select 1 from learning.marks m
                      where m.lesson_id = l.id and m.student_id = g.child_id and m.deleted_at is null)
      and not exists (select 1 from learning.attendance a where a.lesson_id = l.id and a.student_id = g.child_id)
    order by l.date desc limit 1`;
  if (!row) throw new Error("no empty cell of the guardian's child in the teacher's journal");
  cell = row;
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const diaryPath = () => `/guardian/children/${cell.childId}/diary?week=${mondayOf(cell.date)}`;

describe('from the journal to the diary', () => {
  it('a mark the teacher enters in the grid is in the diary the guardian opens next', async () => {
    const teacher = await (await newContext(browser)).newPage();
    await signIn(teacher, platform.webUrl, 'teacher', `/teacher/journal/${cell.classId}/${cell.subjectId}`);
    await teacher.getByRole('grid').waitFor();
    const gridcell = teacher.getByRole('gridcell', { name: new RegExp(`^${cell.fullName}, ${dayMonth(cell.date)}: `) });
    await gridcell.click();
    await teacher.keyboard.press('4');
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/отметка 4/);
    await teacher.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    await teacher.getByRole('button', { name: 'Выйти' }).click();
    await teacher.context().close();

    const guardian = await (await newContext(browser)).newPage();
    await signIn(guardian, platform.webUrl, 'guardian', diaryPath());
    const day = guardian.getByRole('region', { name: new RegExp(`${dayMonth(cell.date)}$`) });
    const lesson = day.locator('.diary-lesson', { hasText: 'Математика' });
    await lesson.locator('.mark-chip').first().waitFor();
    expect(await lesson.locator('.mark-chip').allTextContents()).toContainEqual(
      expect.stringMatching(/^4 \(текущая, вес 1\)/),
    );
    await screenshot(guardian, 'journal-to-diary');
    await guardian.context().close();
  });

  it("does not show that child's diary to another family", async () => {
    const other = await (await newContext(browser)).newPage();
    await signIn(other, platform.webUrl, 'guardian2', diaryPath());
    await other
      .getByText(/Нет доступа/)
      .first()
      .waitFor();
    await expect(other.locator('.mark-chip').count()).resolves.toBe(0);
    await other.context().close();
  });
});
