/**
 * Handed-in mandatory homework. Most students hand in nearly everything; about one in twenty is careless
 * and misses up to a third. Work due before the demo's "now" and not handed in is overdue (rule 11): the
 * demo account `student` always has two such pieces, so his diary shows the list.
 */
import { addDays, randomDate } from '../calendar.ts';
import type { Random } from '../random.ts';
import { isMemberOn, studentsOn, type ClassInfo } from './classes.ts';
import { localMoment, startOfDay } from './calendar.ts';
import type { LearningContext } from './context.ts';
import type { LessonsByClass } from './lessons.ts';
import type { LessonRow } from './types.ts';

export interface Overdue {
  lesson: LessonRow;
  studentId: string;
}

const FORCED_OVERDUE = 2;

export function createSubmissions(context: LearningContext, classes: ClassInfo[], lessons: LessonsByClass): Overdue[] {
  const rng = context.random('homework');
  const now = startOfDay(context.asOf).getTime();
  const [demoStudent] = context.catalog.accounts.student ?? [];
  const overdue: Overdue[] = [];
  for (const info of classes) {
    const given = (lessons.get(info.id) ?? []).filter(
      (lesson) => lesson.homeworkMandatory && lesson.homeworkDueOn && lesson.date < context.asOf,
    );
    const diligence = new Map(info.members.map((member) => [member.personId, diligenceOf(rng)]));
    const forced = new Set<string>();
    if (demoStudent && info.members.some((member) => member.personId === demoStudent)) {
      const due = given.filter((lesson) => (lesson.homeworkDueOn ?? '') < context.asOf);
      for (const lesson of rng.sample(due, FORCED_OVERDUE)) forced.add(`${lesson.id}|${demoStudent}`);
    }
    for (const lesson of given) {
      const dueOn = lesson.homeworkDueOn ?? lesson.date;
      const member = (id: string) => info.members.some((m) => m.personId === id && isMemberOn(m, dueOn));
      for (const studentId of studentsOn(info, lesson.date, lesson.subgroup ?? null)) {
        if (!member(studentId)) continue;
        const hands = !forced.has(`${lesson.id}|${studentId}`) && rng.chance(diligence.get(studentId) ?? 0.95);
        const submittedAt = hands ? submissionMoment(rng, lesson.date, dueOn) : undefined;
        if (submittedAt && submittedAt.getTime() < now) {
          context.rows.homeworkSubmissions.push({
            id: context.ids.next(),
            schoolYear: lesson.schoolYear,
            lessonId: lesson.id,
            studentId,
            submittedAt,
          });
        } else if (!hands && dueOn < context.asOf) {
          overdue.push({ lesson, studentId });
        }
      }
    }
  }
  return overdue;
}

function diligenceOf(rng: Random): number {
  return rng.chance(0.05) ? 0.65 + 0.2 * rng.next() : 0.95 + 0.045 * rng.next();
}

/** Some evening between the lesson and the day before the work is due. */
function submissionMoment(rng: Random, given: string, dueOn: string): Date {
  const day = randomDate(rng, given, addDays(dueOn, -1) < given ? given : addDays(dueOn, -1));
  return localMoment(day, '15:00', rng.int(0, 7 * 60));
}
