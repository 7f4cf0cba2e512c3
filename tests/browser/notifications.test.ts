/**
 * Notifications in a real Chromium (issue 15 §1, «Done when»): a new mark produces a notification and an e-mail
 * in the dev mailbox. The guardian chooses e-mail for marks on «Уведомления»; the teacher enters a mark in the
 * journal grid; the workers deliver (learning's journal notices, people's e-mail, driven once as their
 * processes do); the bell shows the mark and opens the child's diary, and dev ESIA's mailbox page shows the
 * letter. A classmate's parent gets no letter.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { deliverJournalNotices, listenDevMailbox, sendNotificationEmails } from '../src/notifications.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Friday 23 October 2026 in the region: the first quarter is still open for marks. */
const NOW = new Date('2026-10-23T04:00:00Z');
const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));

let platform: Platform;
let browser: Browser;
let smtpPort: number;
let cell: { lessonId: string; date: string; childId: string; fullName: string; classId: string; subjectId: string };

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: NOW });
  browser = await launchBrowser();
  smtpPort = await listenDevMailbox(platform);
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  const guardianId = await personIdOf(platform.admin, 'guardian');
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
  await platform.admin.sql`update people.persons set email = 'olga.kuznetsova@example.test' where id = ${guardianId}`;
});
afterAll(async () => {
  await browser?.close();
  platform?.mailbox.smtp.close();
  await platform?.stop();
});

describe('notifications', () => {
  it('a new mark produces a notification and an e-mail in the dev mailbox', async () => {
    const parent = await (await newContext(browser)).newPage();
    await signIn(parent, platform.webUrl, 'guardian', '/guardian/notifications');
    await parent.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    const byEmail = parent.getByRole('checkbox', { name: 'Отметки: на почту' });
    await expect(byEmail.isChecked()).resolves.toBe(false);
    // Saved on the server, then shown checked (the page shows what is saved, not what was clicked).
    await byEmail.click();
    await parent.waitForFunction(() =>
      Boolean(document.querySelector<HTMLInputElement>('input[aria-label="Отметки: на почту"]')?.checked),
    );
    await expect(parent.getByRole('checkbox', { name: 'Отметки: в кабинете' }).isChecked()).resolves.toBe(true);
    await screenshot(parent, 'notification-settings');
    await parent.context().close();

    const teacher = await (await newContext(browser)).newPage();
    await signIn(teacher, platform.webUrl, 'teacher', `/teacher/journal/${cell.classId}/${cell.subjectId}`);
    await teacher.getByRole('grid').waitFor();
    const gridcell = teacher.getByRole('gridcell', { name: new RegExp(`^${cell.fullName}, ${dayMonth(cell.date)}: `) });
    await gridcell.click();
    await teacher.keyboard.press('4');
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/отметка 4/);
    await teacher.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    await teacher.context().close();

    await expect(deliverJournalNotices(platform)).resolves.toEqual({ delivered: 1, failed: 0 });
    await expect(sendNotificationEmails(platform, smtpPort)).resolves.toEqual({ delivered: 1, failed: 0 });

    const phone = await (await newContext(browser, PHONE)).newPage();
    await signIn(phone, platform.webUrl, 'guardian', '/guardian');
    const bell = phone.getByRole('button', { name: /Уведомления/ });
    await bell.locator('.bell-count').waitFor();
    await expect(bell.textContent()).resolves.toMatch(/\d+/);
    await bell.click();
    const item = phone
      .getByRole('region', { name: 'Уведомления' })
      .getByRole('button', { name: /Дмитрий: Новая отметка 4: «/ });
    await item.waitFor();
    await screenshot(phone, 'notification-mark');
    await item.click();
    await phone.waitForURL(new RegExp(`/guardian/children/${cell.childId}/diary`));
    await phone.context().close();

    const mailbox = await (await newContext(browser)).newPage();
    await mailbox.goto(`${platform.esiaUrl}/dev/mailbox`);
    await mailbox.getByRole('heading', { name: 'Почтовый ящик разработки' }).waitFor();
    // The subject heads the letter; its text repeats it.
    await mailbox.locator('.name', { hasText: /^Дмитрий: Новая отметка 4: «/ }).waitFor();
    await mailbox.getByText(/Кому: olga\.kuznetsova@example\.test/).waitFor();
    await screenshot(mailbox, 'dev-mailbox');
    const letters = (await (await fetch(`${platform.esiaUrl}/dev/mailbox.json`)).json()) as { to: string[] }[];
    expect(letters.map((letter) => letter.to)).toEqual([['olga.kuznetsova@example.test']]);
    await mailbox.context().close();
  });
});
