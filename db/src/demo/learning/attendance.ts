/**
 * Attendance (rule 11) of lessons before the demo's "now": about 5% of student-lessons. Illness comes in
 * spells of several consecutive study days (SICK on every lesson of them), family reasons take a whole day
 * (EXCUSED), truancy a single lesson (ABSENT), lateness mostly the first lesson of a day (LATE).
 */
import type { Random } from '../random.ts';
import { isMemberOn, studentsOn, type ClassInfo, type Member } from './classes.ts';
import { lessonStart } from './calendar.ts';
import type { LearningContext } from './context.ts';
import type { LessonsByClass } from './lessons.ts';
import type { Substitutes } from './substitutions.ts';
import type { LessonRow } from './types.ts';

type Status = 'ABSENT' | 'SICK' | 'EXCUSED' | 'LATE';

/** `${lessonId}|${studentId}` of everyone not in the lesson (LATE students are there). */
export type Absences = Set<string>;

export function createAttendance(
  context: LearningContext,
  classes: ClassInfo[],
  lessons: LessonsByClass,
  substitutes: Substitutes,
): Absences {
  const rng = context.random('attendance');
  const absences: Absences = new Set();
  for (const info of classes) {
    const past = (lessons.get(info.id) ?? []).filter((lesson) => lesson.date < context.asOf);
    const days = [...new Set(past.map((lesson) => lesson.date))];
    const dayStatus = new Map(info.members.map((member) => [member.personId, planDays(rng, member, days)]));
    let firstOfDay = '';
    for (const lesson of past) {
      const first = lesson.date !== firstOfDay;
      firstOfDay = lesson.date;
      for (const studentId of studentsOn(info, lesson.date, lesson.subgroup ?? null)) {
        const status = dayStatus.get(studentId)?.get(lesson.date) ?? lessonStatus(rng, first);
        if (!status) continue;
        if (status !== 'LATE') absences.add(`${lesson.id}|${studentId}`);
        context.rows.attendance.push(row(context, lesson, studentId, status, substitutes, rng));
      }
    }
  }
  return absences;
}

/** Whole days away: sick spells of 3–6 study days and an occasional excused day. */
function planDays(rng: Random, member: Member, days: string[]): Map<string, Status> {
  const own = days.filter((day) => isMemberOn(member, day));
  const plan = new Map<string, Status>();
  const spells = rng.chance(0.28) ? (rng.chance(0.2) ? 2 : 1) : 0;
  for (let spell = 0; spell < spells && own.length > 0; spell++) {
    const start = rng.int(0, own.length - 1);
    const length = rng.int(3, 6);
    for (const day of own.slice(start, start + length)) plan.set(day, 'SICK');
  }
  for (const day of own) if (!plan.has(day) && rng.chance(0.006)) plan.set(day, 'EXCUSED');
  return plan;
}

function lessonStatus(rng: Random, firstOfDay: boolean): Status | undefined {
  const roll = rng.next();
  if (roll < 0.009) return 'ABSENT';
  if (roll < 0.009 + (firstOfDay ? 0.03 : 0.004)) return 'LATE';
  return undefined;
}

function row(
  context: LearningContext,
  lesson: LessonRow,
  studentId: string,
  status: Status,
  substitutes: Substitutes,
  rng: Random,
) {
  return {
    id: context.ids.next(),
    schoolYear: lesson.schoolYear,
    organizationId: lesson.organizationId,
    classId: lesson.classId,
    subjectId: lesson.subjectId,
    lessonId: lesson.id,
    studentId,
    date: lesson.date,
    status,
    setBy: substitutes.get(lesson.id) ?? lesson.teacherId,
    setAt: new Date(lessonStart(lesson.date, lesson.lessonNumber).getTime() + rng.int(3, 40) * 60_000),
  };
}
