import { describe, expect, it } from 'vitest';
import { addDays } from '../src/demo/calendar.ts';
import { generateRegion } from '../src/demo/generate.ts';
import { generateLearning } from '../src/demo/learning/generate.ts';
import { periodValue } from '../src/demo/learning/period-marks.ts';
import { catalogueSubjects } from '../src/demo/learning/subjects.ts';

// 20250901 is the seed of the shared test template and of `npm start` (tests/src/constants.ts).
const SEED = 20250901;
const region = generateRegion({ seed: SEED, scale: 1 });
const { learning, catalog, rows } = region;
const organizationKey = new Map(Object.entries(catalog.organizations).map(([key, id]) => [id, key]));
const subjectName = new Map(learning.subjects.map((subject) => [subject.id, subject.name]));

describe('generateLearning', () => {
  it('gives identical learning rows for the same seed and other rows for another seed', () => {
    expect(generateRegion({ seed: SEED, scale: 1 }).learning).toEqual(learning);
    const other = generateRegion({ seed: 2, scale: 1 }).learning;
    expect(other.lessons.map((lesson) => lesson.id)).not.toEqual(learning.lessons.map((lesson) => lesson.id));
  });

  it('derives everything from the people rows and the catalogue without changing them', () => {
    const people = structuredClone(rows);
    const catalogue = structuredClone(catalog);
    expect(generateLearning(SEED, people, catalogue)).toEqual(learning);
    expect(people).toEqual(rows);
    expect(catalogue).toEqual(catalog);
  });

  it('copies the catalogue classes exactly, with school letters parsed from the name', () => {
    expect(
      learning.classes.map(({ id, organizationId, name, grade, schoolYear, classTeacherId }) => ({
        id,
        organizationId,
        name,
        grade,
        schoolYear,
        classTeacherId,
      })),
    ).toEqual(catalog.classes.map(({ organizationKey: _key, ...entry }) => entry));
    const fiveA = learning.classes.find(
      (c) => c.name === '5А' && c.organizationId === catalog.organizations['school-1-1'],
    );
    expect(fiveA).toMatchObject({ kind: 'SCHOOL_CLASS', letter: 'А', grade: 5 });
    expect(learning.classes.filter((c) => c.kind === 'KINDERGARTEN_GROUP').every((c) => c.letter === null)).toBe(true);
  });

  it('maps every subject of the catalogue assignments onto the subject catalogue', () => {
    const names = new Set(learning.subjects.map((subject) => subject.name));
    for (const assignment of catalog.assignments) {
      const entry = catalog.classes.find((c) => c.id === assignment.classId);
      const kind = entry?.organizationKey.split('-')[0] as 'school' | 'kindergarten' | 'college';
      for (const subject of assignment.subjects) {
        const mapped = catalogueSubjects(kind, entry?.grade ?? null, subject);
        expect(mapped.length, `${entry?.name} ${subject}`).toBeGreaterThan(0);
        for (const name of mapped) expect(names.has(name), name).toBe(true);
      }
      expect(
        learning.assignments.some((a) => a.teacherId === assignment.teacherId && a.classId === assignment.classId),
      ).toBe(true);
    }
  });

  it('schedules each subject for exactly its curriculum hours, within the daily limit, Monday to Friday', () => {
    const classes = new Map(learning.classes.map((c) => [c.id, c]));
    const hours = new Map<string, number>();
    for (const slot of learning.scheduleSlots) {
      if (slot.subgroup === 2) continue;
      const key = `${slot.classId}|${slot.subjectId}`;
      hours.set(key, (hours.get(key) ?? 0) + 1);
      expect(slot.weekday).toBeGreaterThanOrEqual(1);
      expect(slot.weekday).toBeLessThanOrEqual(5);
      expect(slot.lessonNumber).toBeLessThanOrEqual(7);
    }
    expect(hours.size).toBeGreaterThan(100);
    for (const [key, count] of hours) {
      const [classId, subjectId] = key.split('|');
      const info = classes.get(classId ?? '');
      const plan = learning.curriculum.find(
        (row) =>
          row.organizationId === info?.organizationId && row.grade === info?.grade && row.subjectId === subjectId,
      );
      expect(Number(plan?.hoursPerWeek), key).toBe(count);
    }
  });

  it('gives lessons only to schools and colleges, on weekdays outside the holidays', () => {
    const kinds = new Set(learning.lessons.map((lesson) => organizationKey.get(lesson.organizationId)?.split('-')[0]));
    expect([...kinds].sort()).toEqual(['college', 'school']);
    const holidays = learning.holidays;
    for (const lesson of learning.lessons.filter((_, index) => index % 37 === 0)) {
      expect(new Date(`${lesson.date}T00:00:00Z`).getUTCDay() % 6, lesson.date).not.toBe(0);
      const off = holidays.some(
        (h) => h.organizationId === lesson.organizationId && lesson.date >= h.startsOn && lesson.date <= h.endsOn,
      );
      expect(off, lesson.date).toBe(false);
    }
  });

  it('plans topics two weeks and homework one week past "now", due on the next lesson of the subject', () => {
    const topicsUntil = addDays(catalog.asOf, 14);
    const homeworkUntil = addDays(catalog.asOf, 7);
    expect(learning.lessons.every((lesson) => (lesson.topic !== null) === lesson.date <= topicsUntil)).toBe(true);
    const withHomework = learning.lessons.filter((lesson) => lesson.homework);
    expect(withHomework.every((lesson) => lesson.date <= homeworkUntil)).toBe(true);
    const mandatory = withHomework.filter((lesson) => lesson.homeworkMandatory).length / withHomework.length;
    expect(mandatory).toBeGreaterThan(0.2);
    expect(mandatory).toBeLessThan(0.4);
    expect(withHomework.some((lesson) => lesson.homeworkAttachments?.[0]?.url.startsWith('https://'))).toBe(true);
    for (const lesson of withHomework.filter((_, index) => index % 29 === 0)) {
      const next = learning.lessons
        .filter(
          (l) =>
            l.classId === lesson.classId &&
            l.subjectId === lesson.subjectId &&
            l.subgroup === lesson.subgroup &&
            l.date > lesson.date,
        )
        .sort((a, b) => a.date.localeCompare(b.date))[0];
      expect(lesson.homeworkDueOn).toBe(next?.date);
    }
  });

  it('sets current marks on about a quarter of student-lessons, values 2–5, each student with an average of their own', () => {
    const current = learning.marks.filter((mark) => mark.kind === 'CURRENT');
    expect(new Set(current.map((mark) => mark.value))).toEqual(new Set(['2', '3', '4', '5']));
    expect(learning.marks.filter((m) => m.kind === 'CONTROL').every((m) => m.weight === 2)).toBe(true);
    const byStudent = new Map<string, number[]>();
    for (const mark of current)
      byStudent.set(mark.studentId, [...(byStudent.get(mark.studentId) ?? []), Number(mark.value)]);
    const averages = [...byStudent.values()].map((values) => values.reduce((a, b) => a + b, 0) / values.length);
    expect(Math.max(...averages) - Math.min(...averages)).toBeGreaterThan(1);
    const late = learning.marks.filter(
      (m) => m.lessonId && (m.setAt?.getTime() ?? 0) - Date.parse(m.date) > 7 * 86_400_000,
    );
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / current.length).toBeLessThan(0.05);
    expect(learning.marks.filter((m) => m.comment).length).toBeGreaterThan(0);
    for (const subject of ['Физическая культура', 'Русский язык']) {
      expect(
        current.some((mark) => subjectName.get(mark.subjectId) === subject),
        subject,
      ).toBe(true);
    }
  });

  it('sets every lesson mark after its lesson, before "now" and before its period was closed', () => {
    const lessons = new Map(learning.lessons.map((lesson) => [lesson.id, lesson]));
    const now = Date.parse(`${catalog.asOf}T00:00:00+05:00`);
    const closed = learning.studyPeriods.filter((period) => period.closedAt);
    expect(closed.length).toBeGreaterThan(0);
    for (const mark of learning.marks.filter((m) => m.lessonId)) {
      const lesson = lessons.get(mark.lessonId ?? '');
      const setAt = mark.setAt?.getTime() ?? 0;
      expect(setAt).toBeGreaterThan(Date.parse(`${lesson?.date}T08:00:00+05:00`));
      expect(setAt).toBeLessThan(now);
      const period = closed.find(
        (p) => p.organizationId === mark.organizationId && mark.date >= p.startsOn && mark.date <= p.endsOn,
      );
      if (period?.closedAt) expect(setAt).toBeLessThan(period.closedAt.getTime());
    }
  });

  it('rounds a period mark half up from the weighted average', () => {
    expect(
      periodValue([
        { value: '5', weight: 1 },
        { value: '4', weight: 1 },
      ]),
    ).toBe(5);
    expect(
      periodValue([
        { value: '3', weight: 2 },
        { value: '4', weight: 1 },
      ]),
    ).toBe(3);
    expect(
      periodValue([
        { value: '4', weight: 2 },
        { value: '3', weight: 1 },
        { value: '2', weight: 1 },
      ]),
    ).toBe(3);
    expect(
      periodValue([
        { value: '4', weight: 1 },
        { value: '3', weight: 1 },
      ]),
    ).toBe(4);
  });
});
