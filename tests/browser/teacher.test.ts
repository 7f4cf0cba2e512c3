/**
 * The teacher's cabinet in a real Chromium against the real servers (issue 5, item 4): the week's schedule
 * with substitutions, the 5А mathematics journal filled from the keyboard (a mark and an absence that stay
 * after a reload), a whole lesson in the lesson editor, a refused write shown at the cell, another school's
 * journal refused, and the grid at phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Friday 23 October 2026, 09:00 in the region: the last week of the first quarter, full of marks. */
const NOW = new Date('2026-10-23T04:00:00Z');
const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let platform: Platform;
let browser: Browser;
let teacherId: string;
let journalPath: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: NOW });
  browser = await launchBrowser();
  // The demo closes the first quarter on 27 October; on the 23rd it is still open.
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  teacherId = await personIdOf(platform.admin, 'teacher');
  const [assignment] = await platform.admin.sql<{ classId: string; subjectId: string }[]>`
    select class_id as "classId", subject_id as "subjectId" from learning.assignments where teacher_id = ${teacherId}`;
  journalPath = `/teacher/journal/${assignment!.classId}/${assignment!.subjectId}`;
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(path: string, viewport: Viewport = DESKTOP): Promise<Page> {
  const tab = await (await newContext(browser, viewport)).newPage();
  await signIn(tab, platform.webUrl, 'teacher', path);
  return tab;
}

async function openJournal(viewport: Viewport = DESKTOP): Promise<Page> {
  const tab = await open(journalPath, viewport);
  await tab.getByRole('grid').waitFor();
  return tab;
}

/** A lesson of the teacher's 5А mathematics where the student has neither a mark nor an absence. */
async function emptyCell(login: string, before = '2026-10-23') {
  const studentId = await personIdOf(platform.admin, login);
  const [row] = await platform.admin.sql<{ lessonId: string; date: string; fullName: string }[]>`
    select l.id as "lessonId", to_char(l.date, 'YYYY-MM-DD') as date,
      concat_ws(' ', p.last_name, p.first_name, p.middle_name) as "fullName"
    from learning.lessons l, people.persons p
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-12' and ${before}
      and p.id = ${studentId}
      and not exists (select 1 from learning.marks m where m.lesson_id = l.id and m.student_id = p.id and m.deleted_at is null)
      and not exists (select 1 from learning.attendance a where a.lesson_id = l.id and a.student_id = p.id)
    order by l.date desc limit 1`;
  if (!row) throw new Error(`no empty cell for ${login}`);
  return { ...row, studentId, name: new RegExp(`^${escape(row.fullName)}, ${dayMonth(row.date)}: `) };
}

describe("teacher's schedule", () => {
  it('shows the current week by the server clock with today marked, and opens the journal from a lesson', async () => {
    const tab = await open('/');
    await tab.waitForURL((url) => url.pathname === '/teacher');
    await tab.getByRole('heading', { name: 'Расписание', level: 1 }).waitFor();
    await tab.getByText('19 октября – 25 октября 2026').waitFor();
    const today = tab.locator('.schedule-day.is-today');
    await expect(today.textContent()).resolves.toMatch(/пятница, 23 октября.*Сегодня.*5А · Математика/i);
    await screenshot(tab, 'teacher-schedule');
    await today.getByRole('link', { name: /Журнал/ }).click();
    await tab.getByRole('grid').waitFor();
    await tab.getByRole('dialog').waitFor();
    await expect(tab.getByRole('dialog').getByRole('heading', { level: 2 }).textContent()).resolves.toContain(
      '23.10.2026',
    );
    await tab.context().close();
  });

  it('marks a lesson taught on substitution and her own lesson given to a substitute', async () => {
    const rows = await platform.admin.sql<{ date: string; className: string; mine: boolean; colleague: string }[]>`
      select to_char(s.date, 'YYYY-MM-DD') as date, c.name as "className", s.original_teacher_id = ${teacherId} as mine,
        concat_ws(' ', p.last_name, p.first_name, p.middle_name) as colleague
      from learning.substitutions s join learning.lessons l on l.id = s.lesson_id and l.school_year = s.school_year
        join learning.classes c on c.id = l.class_id
        join people.persons p on p.id = case when s.original_teacher_id = ${teacherId}
          then s.substitute_teacher_id else s.original_teacher_id end
      where ${teacherId} in (s.original_teacher_id, s.substitute_teacher_id)`;
    const taken = rows.find((row) => !row.mine)!;
    const given = rows.find((row) => row.mine)!;
    const tab = await open('/teacher');
    for (const { date, badge, text } of [
      // The colleague is named: staff of the same school read each other's names.
      { date: taken.date, badge: 'Замена', text: `Вы ведёте урок за: ${taken.colleague}` },
      { date: given.date, badge: 'Отдан на замену', text: `Урок ведёт ${given.colleague}` },
    ]) {
      // Back week by week from the current one, as a teacher would.
      const shown = async () =>
        (await tab.locator('.schedule-day-title').allTextContents()).some((title) =>
          title.includes(`, ${dayMonth(date)}`),
        );
      for (let weeks = 0; !(await shown()); weeks++) {
        expect(weeks).toBeLessThan(8);
        const label = await tab.locator('.week-label').textContent();
        await tab.getByRole('button', { name: 'Предыдущая неделя' }).click();
        await tab.waitForFunction((old) => document.querySelector('.week-label')?.textContent !== old, label);
        await tab.locator('.schedule-days').waitFor();
      }
      const lesson = tab.locator('.schedule-lesson', { hasText: badge });
      await expect(lesson.textContent()).resolves.toContain(text);
      if (date === taken.date) {
        await expect(lesson.textContent()).resolves.toContain(taken.className);
        await expect(lesson.textContent()).resolves.toContain('Журнал класса вам не открыт');
        await screenshot(tab, 'teacher-schedule-substitution');
      }
    }
    await tab.context().close();
  });
});

describe('class journal', () => {
  it('enters a mark from the keyboard, shows it at once, and keeps it after a reload', async () => {
    const cell = await emptyCell('student');
    const tab = await openJournal();
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Журнал: 5А, Математика');
    const gridcell = tab.getByRole('gridcell', { name: cell.name });
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/: пусто$/);
    await gridcell.click();
    await tab.keyboard.press('5');
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/отметка 5/);
    await expect(gridcell.textContent()).resolves.toContain('5');
    await tab.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    await screenshot(tab, 'teacher-journal');
    await tab.reload();
    await tab.getByRole('grid').waitFor();
    await expect(tab.getByRole('gridcell', { name: cell.name }).getAttribute('aria-label')).resolves.toMatch(
      /: отметка 5$/,
    );
    const marks = await platform.admin.sql<{ value: string; setBy: string }[]>`
      select value::text, set_by as "setBy" from learning.marks
      where lesson_id = ${cell.lessonId} and student_id = ${cell.studentId} and deleted_at is null`;
    expect(marks).toEqual([{ value: '5', setBy: teacherId }]);
    await tab.context().close();
  });

  it('enters a period mark in the «Итог» column, shows it at once, and keeps it after a reload', async () => {
    const studentId = await personIdOf(platform.admin, 'student');
    const [classId, subjectId] = journalPath.split('/').slice(-2);
    const [period] = await platform.admin.sql<{ id: string; name: string; fullName: string }[]>`
      select sp.id, sp.name, concat_ws(' ', p.last_name, p.first_name, p.middle_name) as "fullName"
      from learning.study_periods sp, learning.classes c, people.persons p
      where c.id = ${classId!} and sp.organization_id = c.organization_id and sp.starts_on = '2026-09-01'
        and p.id = ${studentId}`;
    // Start from an empty cell: the demo already gives the first quarter's marks.
    await platform.admin.sql`update learning.marks set deleted_at = now()
      where period_id = ${period!.id} and subject_id = ${subjectId!} and student_id = ${studentId} and deleted_at is null`;
    const name = new RegExp(`^${escape(period!.fullName)}, итог за ${escape(period!.name)}: `);
    const tab = await openJournal();
    await expect(tab.getByRole('columnheader', { name: 'Итог' }).count()).resolves.toBe(1);
    const gridcell = tab.getByRole('gridcell', { name });
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/: пусто$/);
    await gridcell.click();
    await tab.keyboard.press('4');
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/: отметка 4/);
    await expect(gridcell.textContent()).resolves.toContain('4');
    await tab.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    await screenshot(tab, 'teacher-journal-period-mark');
    await tab.reload();
    await tab.getByRole('grid').waitFor();
    await expect(tab.getByRole('gridcell', { name }).getAttribute('aria-label')).resolves.toMatch(/: отметка 4$/);
    const marks = await platform.admin.sql<{ value: string; setBy: string; lessonId: string | null; date: string }[]>`
      select value::text, set_by as "setBy", lesson_id as "lessonId", to_char(date, 'YYYY-MM-DD') as date
      from learning.marks
      where period_id = ${period!.id} and subject_id = ${subjectId!} and student_id = ${studentId}
        and kind = 'PERIOD' and deleted_at is null`;
    const [ends] = await platform.admin.sql<{ endsOn: string }[]>`
      select to_char(ends_on, 'YYYY-MM-DD') as "endsOn" from learning.study_periods where id = ${period!.id}`;
    expect(marks).toEqual([{ value: '4', setBy: teacherId, lessonId: null, date: ends!.endsOn }]);
    await tab.context().close();
  });

  it('moves with the arrows and Enter, and enters an absence with «н»', async () => {
    const tab = await openJournal();
    await tab.getByRole('gridcell').first().click();
    await tab.keyboard.press('ArrowRight');
    await tab.keyboard.press('Enter');
    await tab.keyboard.press('ArrowDown');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.press('Tab');
    // Row 1 is the header: three rows down and one column to the right of the first cell.
    const position = await tab.evaluate(() => {
      const cell = document.activeElement as HTMLTableCellElement;
      return {
        role: cell.getAttribute('role'),
        row: cell.closest('tr')?.getAttribute('aria-rowindex'),
        col: cell.cellIndex,
      };
    });
    expect(position).toEqual({ role: 'gridcell', row: '4', col: 2 });
    const target = await emptyCell('student');
    const gridcell = tab.getByRole('gridcell', { name: target.name });
    await gridcell.click();
    // A Russian keyboard layout sends «н»; Playwright's US keyboard cannot, so the key event is dispatched.
    await gridcell.evaluate((element) =>
      element.dispatchEvent(new KeyboardEvent('keydown', { key: 'н', code: 'KeyY', bubbles: true })),
    );
    await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/отсутствовал/);
    await tab.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    await tab.reload();
    await tab.getByRole('grid').waitFor();
    await expect(tab.getByRole('gridcell', { name: target.name }).getAttribute('aria-label')).resolves.toMatch(
      /: отсутствовал$/,
    );
    await tab.context().close();
  });

  it('saves a whole lesson in the lesson editor: topic, homework, a mark and an absence, after checking the due date', async () => {
    const cell = await emptyCell('student');
    const tab = await openJournal();
    await tab.getByRole('button', { name: new RegExp(`^Урок ${dayMonth(cell.date)}`) }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Тема урока').fill('Сравнение дробей с разными знаменателями');
    await dialog.getByLabel('Домашнее задание').fill('№ 214, 216; повторить правило');
    await dialog.getByLabel('Срок сдачи').fill('2026-09-01');
    await dialog.getByRole('button', { name: 'Сохранить урок' }).click();
    await dialog.getByText('Срок сдачи не может быть раньше урока').waitFor();
    await dialog.getByLabel('Срок сдачи').fill('2026-10-26');
    await dialog.getByLabel(`Отметка: ${cell.fullName}`).selectOption({ label: '4' });
    const attendance = dialog.getByRole('combobox', { name: /^Посещаемость: / });
    let absent = '';
    for (const select of await attendance.all()) {
      const name = (await select.getAttribute('aria-label'))!.replace('Посещаемость: ', '');
      if (name !== cell.fullName && (await select.inputValue()) === '') {
        await select.selectOption('SICK');
        absent = name;
        break;
      }
    }
    await screenshot(tab, 'teacher-lesson-editor');
    await dialog.getByRole('button', { name: 'Сохранить урок' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tab.getByText(/сохранён/).waitFor();
    const header = tab.getByRole('button', { name: new RegExp(`^Урок ${dayMonth(cell.date)}`) });
    await expect(header.getAttribute('aria-label')).resolves.toContain('Сравнение дробей с разными знаменателями');
    await expect(tab.getByRole('gridcell', { name: cell.name }).getAttribute('aria-label')).resolves.toMatch(
      /отметка 4/,
    );
    await expect(
      tab
        .getByRole('gridcell', { name: new RegExp(`^${escape(absent)}, ${dayMonth(cell.date)}: `) })
        .getAttribute('aria-label'),
    ).resolves.toMatch(/болел$/);
    const [lesson] = await platform.admin.sql<{ topic: string; homework: string; due: string }[]>`
      select topic, homework, to_char(homework_due_on, 'YYYY-MM-DD') as due from learning.lessons where id = ${cell.lessonId}`;
    expect(lesson).toEqual({
      topic: 'Сравнение дробей с разными знаменателями',
      homework: '№ 214, 216; повторить правило',
      due: '2026-10-26',
    });
    await tab.context().close();
  });

  it('rolls the cell back and says why at the cell when the period is closed meanwhile', async () => {
    const cell = await emptyCell('student');
    const tab = await openJournal();
    await platform.admin.sql`update learning.study_periods set closed_at = now() where starts_on = '2026-09-01'`;
    try {
      const gridcell = tab.getByRole('gridcell', { name: cell.name });
      await gridcell.click();
      await tab.keyboard.press('3');
      const alert = gridcell.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(/период закрыт/i);
      await expect(gridcell.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(gridcell.getAttribute('aria-label')).resolves.toMatch(/: пусто$/);
      await screenshot(tab, 'teacher-cell-error');
    } finally {
      await platform.admin.sql`update learning.study_periods set closed_at = null where starts_on = '2026-09-01'`;
    }
    await tab.context().close();
  });

  it('shows the grid at phone width, scrolling sideways with the student column fixed', async () => {
    const tab = await openJournal(PHONE);
    const scroller = tab.locator('.journal-scroll');
    const box = await scroller.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
    const student = tab.getByRole('rowheader').first();
    await scroller.evaluate((element) => (element.scrollLeft = 0));
    const before = (await student.boundingBox())!.x;
    await scroller.evaluate((element) => (element.scrollLeft = 400));
    expect((await student.boundingBox())!.x).toBe(before);
    await screenshot(tab, 'teacher-journal-phone');
    await tab.context().close();
  });
});

describe('journal views', () => {
  it('pages through the period by month', async () => {
    const tab = await openJournal();
    await tab.getByLabel('Даты').selectOption({ label: 'Сентябрь 2026 г.' });
    await tab.waitForURL((url) => url.searchParams.get('to') === '2026-09-30');
    await tab.getByRole('button', { name: /^Урок 1 сентября/ }).waitFor();
    await expect(tab.getByRole('button', { name: /^Урок 1 октября/ }).count()).resolves.toBe(0);
    await tab.getByRole('button', { name: 'Следующий месяц' }).click();
    await tab.getByRole('button', { name: /^Урок 1 октября/ }).waitFor();
    await expect(tab.getByRole('button', { name: /^Урок 30 сентября/ }).count()).resolves.toBe(0);
    await tab.context().close();
  });

  it('keeps a student who has left the class in the journal, named and marked as left', async () => {
    const [classId] = journalPath.split('/').slice(-2);
    const student = await personIdOf(platform.admin, 'student');
    const [leaver] = await platform.admin.sql<{ id: string }[]>`
      select person_id as id from learning.class_members where class_id = ${classId!} and person_id <> ${student}
      order by person_id limit 1`;
    // Left on 10 October: the grid still lists them for the quarter, and their class's teacher still reads the name.
    await platform.admin.sql`update learning.class_members set left_on = '2026-10-10' where person_id = ${leaver!.id}`;
    await platform.admin
      .sql`update people.enrolments set ended_on = '2026-10-10' where person_id = ${leaver!.id} and ended_on is null`;
    try {
      const tab = await openJournal();
      const [person] = await platform.admin.sql<{ lastName: string }[]>`
        select last_name as "lastName" from people.persons where id = ${leaver!.id}`;
      const row = await tab.getByRole('rowheader').last().textContent();
      expect(row).toContain(person!.lastName);
      expect(row).toContain('выбыл(а) из класса');
      await tab.context().close();
    } finally {
      await platform.admin.sql`update learning.class_members set left_on = null where person_id = ${leaver!.id}`;
      await platform.admin
        .sql`update people.enrolments set ended_on = null where person_id = ${leaver!.id} and ended_on = '2026-10-10'`;
    }
  });
});

describe('journals that are not hers', () => {
  it('shows «Нет доступа» for a class of another school', async () => {
    const admin2 = await personIdOf(platform.admin, 'admin2');
    const [foreign] = await platform.admin.sql<{ id: string }[]>`
      select c.id from learning.classes c join people.role_grants g on g.organization_id = c.organization_id
      where g.person_id = ${admin2} and g.role = 'ORG_ADMIN' and c.school_year = 2026 order by c.grade desc limit 1`;
    const subjectId = journalPath.split('/').at(-1);
    const tab = await open(`/teacher/journal/${foreign!.id}/${subjectId}`);
    await tab.getByRole('heading', { name: 'Нет доступа', level: 1 }).waitFor();
    await expect(tab.getByRole('grid').count()).resolves.toBe(0);
    await screenshot(tab, 'teacher-no-access');
    await tab.context().close();
  });

  it('shows «Нет доступа» with the reason for another subject of her own class', async () => {
    const [classId, subjectId] = journalPath.split('/').slice(-2);
    const [other] = await platform.admin.sql<{ subjectId: string }[]>`
      select subject_id as "subjectId" from learning.assignments where class_id = ${classId!} and subject_id <> ${subjectId!} limit 1`;
    const tab = await open(`/teacher/journal/${classId}/${other!.subjectId}`);
    await tab.getByRole('heading', { name: 'Нет доступа', level: 1 }).waitFor();
    await expect(tab.getByRole('alert').textContent()).resolves.toContain('по этому предмету вам недоступен');
    await tab.context().close();
  });
});
