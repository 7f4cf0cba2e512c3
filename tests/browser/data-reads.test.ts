/**
 * «Кто просматривал мои данные» in the guardian's cabinet (issue 14 §4), in a real Chromium: after the class
 * teacher opens the pupil's card with contacts, the pupil's mother sees that read under her son — the
 * teacher's role, the school and the data, never the teacher's name.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
let dmitryId: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, piiReadLog: { flushMs: 200 } });
  browser = await launchBrowser();
  dmitryId = await personIdOf(platform.admin, 'student');
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('«Кто просматривал мои данные» in the guardian cabinet', () => {
  it("shows the class teacher's read of the son's card: role, school, which data", async () => {
    const card = await platform.query(
      { login: 'class-teacher' },
      `query TeacherPupilCard($id: ID!) { person(id: $id) { id phone email } }`,
      { id: dmitryId },
    );
    expect(card.errors).toBeUndefined();
    const [school] = await platform.admin.sql<{ short_name: string }[]>`
      select o.short_name from people.enrolments e join people.organizations o on o.id = e.organization_id
      where e.person_id = ${dmitryId} and e.ended_on is null`;
    // The writer flushes every 200 ms; wait until the read is stored before opening the page.
    await expect
      .poll(async () => {
        const [row] = await platform.admin.sql<{ n: number }[]>`
          select count(*)::int as n from people.pii_reads where person_id = ${dmitryId} and role = 'CLASS_TEACHER'`;
        return row!.n;
      })
      .toBeGreaterThan(0);

    const tab = await (await newContext(browser)).newPage();
    await signIn(tab, platform.webUrl, 'guardian', '/guardian');
    await tab.getByRole('link', { name: 'Кто просматривал мои данные' }).click();
    await tab.getByRole('heading', { name: 'Кто просматривал мои данные', level: 1 }).waitFor();
    const section = tab.getByRole('region', { name: 'Данные ребёнка: Кузнецов Дмитрий Алексеевич' });
    const row = section.getByRole('row').filter({ hasText: 'Классный руководитель' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(school!.short_name);
    await expect(row.textContent()).resolves.toContain('Телефон, Эл. почта');
    // Her own data: nobody but her has read it.
    await tab.getByRole('region', { name: 'Мои данные', exact: true }).getByText('Никто, кроме вас').waitFor();
    await screenshot(tab, 'guardian-data-reads');
  });
});
