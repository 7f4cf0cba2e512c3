/**
 * Current and control marks (rule 10) for lessons before the demo's "now". Every student has an ability of
 * their own and a leaning per subject, so averages differ between students and subjects. About a quarter of
 * student-lessons get a CURRENT mark (weight 1); everyone present at a control work gets a CONTROL mark
 * (weight 2). A tenth of the overdue mandatory homework brings a debt mark (value 2, debt) on the lesson the
 * homework was given in; the demo account `student` always has one. Marks are set by whoever taught the
 * lesson, on its day or within two days; about 3% more than a week late (the federal «вовремя выставленные
 * оценки»), though never after "now" or after their period was closed. Lesson marks carry no period_id: their date places them in a period.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import { studentsOn, type ClassInfo } from './classes.ts';
import { lessonStart, localMoment, startOfDay } from './calendar.ts';
import type { Absences } from './attendance.ts';
import type { LearningContext } from './context.ts';
import type { ControlLessons } from './control-works.ts';
import type { Overdue } from './homework.ts';
import type { LessonsByClass } from './lessons.ts';
import { isMarked } from './subjects.ts';
import type { Substitutes } from './substitutions.ts';
import type { LessonRow, MarkRow } from './types.ts';

const CURRENT_SHARE = 0.25;
const DEBT_SHARE = 0.1;
const LATE_SHARE = 0.03;
const COMMENTS: Record<string, readonly string[]> = {
  '5': ['Отличный ответ у доски', 'Работа без ошибок', 'Молодец!'],
  '4': ['Хорошо, есть недочёты', 'Небольшие вычислительные ошибки'],
  '3': ['Материал усвоен частично', 'Много ошибок, повторить правило'],
  '2': ['Не готов к уроку', 'Работа не выполнена'],
};

export function createMarks(
  context: LearningContext,
  classes: ClassInfo[],
  lessons: LessonsByClass,
  absences: Absences,
  control: ControlLessons,
  substitutes: Substitutes,
  overdue: Overdue[],
): void {
  const rng = context.random('marks');
  const now = startOfDay(context.asOf).getTime();
  const ability = abilities(rng);
  const byLessonStudent = new Map<string, MarkRow>();
  const mark = (
    lesson: LessonRow,
    studentId: string,
    fields: Pick<MarkRow, 'kind' | 'value' | 'weight'>,
    setAt: Date,
  ) => {
    const row: MarkRow = {
      id: context.ids.next(),
      schoolYear: lesson.schoolYear,
      organizationId: lesson.organizationId,
      classId: lesson.classId,
      subjectId: lesson.subjectId,
      studentId,
      lessonId: lesson.id,
      periodId: null,
      date: lesson.date,
      ...fields,
      debt: false,
      comment: rng.chance(0.05) ? rng.pick(COMMENTS[fields.value] ?? ['']) : null,
      setBy: substitutes.get(lesson.id) ?? lesson.teacherId,
      setAt,
      updatedAt: setAt,
      deletedAt: null,
    };
    context.rows.marks.push(row);
    return row;
  };
  const marked = classes.filter((info) => isMarked(info.organization.kind, info.grade));
  for (const info of marked) {
    // Nobody but an administrator writes into a closed period: marks are set before it is closed.
    const closings = info.organization.periods.flatMap((p) => (p.closedAt ? [{ ...p, closedAt: p.closedAt }] : []));
    const deadline = (date: string) =>
      Math.min(now, ...closings.filter((p) => date >= p.startsOn && date <= p.endsOn).map((p) => p.closedAt.getTime()));
    for (const lesson of lessons.get(info.id) ?? []) {
      if (lesson.date >= context.asOf) break;
      const isControl = control.has(lesson.id);
      for (const studentId of studentsOn(info, lesson.date, lesson.subgroup ?? null)) {
        if (absences.has(`${lesson.id}|${studentId}`) || (!isControl && !rng.chance(CURRENT_SHARE))) continue;
        const value = markValue(rng, ability(studentId, lesson.subjectId) - (isControl ? 0.2 : 0));
        const setAt = setMoment(rng, lesson, deadline(lesson.date));
        const row = mark(
          lesson,
          studentId,
          { kind: isControl ? 'CONTROL' : 'CURRENT', value, weight: isControl ? 2 : 1 },
          setAt,
        );
        if (!isControl) byLessonStudent.set(`${lesson.id}|${studentId}`, row);
      }
    }
  }
  const markedClasses = new Set(marked.map((info) => info.id));
  const [demoStudent] = context.catalog.accounts.student ?? [];
  let demoDebt = false;
  for (const { lesson, studentId } of overdue) {
    const forced = studentId === demoStudent && !demoDebt;
    if (!markedClasses.has(lesson.classId) || !(forced || rng.chance(DEBT_SHARE))) continue;
    if (studentId === demoStudent) demoDebt = true;
    const dueOn = lesson.homeworkDueOn ?? lesson.date;
    const setAt = localMoment(dueOn, '16:00', rng.int(0, 240));
    const existing = byLessonStudent.get(`${lesson.id}|${studentId}`);
    const row = existing ?? mark(lesson, studentId, { kind: 'CURRENT', value: '2', weight: 1 }, setAt);
    // Due before "now", so the evening of the due date is still in the past.
    Object.assign(row, {
      value: '2',
      debt: true,
      comment: 'Не сдано обязательное домашнее задание',
      setAt,
      updatedAt: setAt,
    });
  }
}

/** Student id × subject id → the mean mark that student tends to get in that subject. */
function abilities(rng: Random): (studentId: string, subjectId: string) => number {
  const base = new Map<string, number>();
  const leaning = new Map<string, number>();
  return (studentId, subjectId) => {
    const own = base.get(studentId) ?? Math.min(4.9, Math.max(2.7, 3.9 + 0.55 * gauss(rng)));
    base.set(studentId, own);
    const key = `${studentId}|${subjectId}`;
    const lean = leaning.get(key) ?? 0.3 * gauss(rng);
    leaning.set(key, lean);
    return own + lean;
  };
}

function markValue(rng: Random, mean: number): '2' | '3' | '4' | '5' {
  const value = Math.min(5, Math.max(2, Math.round(mean + 0.7 * gauss(rng))));
  return String(value) as '2' | '3' | '4' | '5';
}

/** On the lesson's day (60%), the evening after (25%) or two days later; a few more than a week late. */
function setMoment(rng: Random, lesson: LessonRow, deadline: number): Date {
  const start = lessonStart(lesson.date, lesson.lessonNumber);
  const roll = rng.next();
  const evening = (days: number) => localMoment(addDays(lesson.date, days), '17:00', rng.int(0, 300));
  const candidate =
    roll < LATE_SHARE
      ? evening(rng.int(8, 16))
      : roll < 0.6
        ? new Date(start.getTime() + rng.int(10, 240) * 60_000)
        : evening(roll < 0.85 ? 1 : 2);
  return candidate.getTime() < deadline ? candidate : new Date(start.getTime() + 40 * 60_000);
}

function gauss(rng: Random): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
