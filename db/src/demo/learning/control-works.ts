/**
 * Control works (контрольные работы) as events of the year: an entry control work in September in Russian,
 * mathematics and English, and one per subject in the last two weeks of every study period. Each is written
 * in a lesson of the subject: that lesson's topic says so and its marks are CONTROL marks of weight 2
 * (marks.ts). The event's class, date and subject (in the title) identify the lesson; first graders write none.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import type { ClassInfo } from './classes.ts';
import { lessonStart, LESSON_MINUTES } from './calendar.ts';
import type { LearningContext } from './context.ts';
import type { LessonsByClass } from './lessons.ts';
import { ENTRY_CONTROL_SUBJECTS, isMarked, NO_CONTROL_SUBJECTS } from './subjects.ts';
import type { Teaching } from './teaching.ts';
import type { LessonRow } from './types.ts';

/** Ids of the lessons a control work is written in. */
export type ControlLessons = Set<string>;

export function planControlWorks(
  context: LearningContext,
  classes: ClassInfo[],
  lessons: LessonsByClass,
  teaching: Teaching,
): ControlLessons {
  const rng = context.random('control-works');
  const control: ControlLessons = new Set();
  for (const info of classes) {
    if (!isMarked(info.organization.kind, info.grade)) continue;
    const own = lessons.get(info.id) ?? [];
    const taken = new Set<string>();
    const subjects = [...new Set(own.map((lesson) => lesson.subjectId))].filter(
      (id) => !NO_CONTROL_SUBJECTS.has(teaching.subjectNames.get(id) ?? ''),
    );
    const start = info.organization.calendar.startsOn;
    const windows = [
      { entry: true, from: addDays(start, 7), to: addDays(start, 24) },
      ...info.organization.calendar.periods.map((p) => ({ entry: false, from: addDays(p.endsOn, -16), to: p.endsOn })),
    ];
    for (const subjectId of subjects) {
      const subject = teaching.subjectNames.get(subjectId) ?? '';
      const ofSubject = own.filter((lesson) => lesson.subjectId === subjectId);
      for (const window of windows) {
        if (window.entry && !ENTRY_CONTROL_SUBJECTS.has(subject)) continue;
        const written = pickLessons(rng, ofSubject, window.from, window.to, taken);
        const [first] = written;
        if (!first) continue;
        taken.add(first.date);
        for (const lesson of written) {
          control.add(lesson.id);
          if (lesson.topic)
            lesson.topic = window.entry ? 'Входная контрольная работа' : `Контрольная работа: ${lesson.topic}`;
        }
        context.rows.events.push({
          id: context.ids.next(),
          schoolYear: context.schoolYear,
          organizationId: info.organizationId,
          classId: info.id,
          kind: 'CONTROL_WORK',
          title: `${window.entry ? 'Входная контрольная работа' : 'Контрольная работа'}: ${subject}`,
          description: `${first.lessonNumber}-й урок`,
          startsAt: lessonStart(first.date, first.lessonNumber),
          endsAt: new Date(lessonStart(first.date, first.lessonNumber).getTime() + LESSON_MINUTES * 60_000),
          createdBy: first.teacherId,
        });
      }
    }
  }
  return control;
}

/** The first lesson (every subgroup of it) of a random day in the window with no other control work. */
function pickLessons(rng: Random, lessons: LessonRow[], from: string, to: string, taken: Set<string>): LessonRow[] {
  const days = [...new Set(lessons.map((l) => l.date))].filter((d) => d >= from && d <= to && !taken.has(d));
  if (days.length === 0) return [];
  const day = rng.pick(days);
  const onDay = lessons.filter((lesson) => lesson.date === day);
  const first = Math.min(...onDay.map((lesson) => lesson.lessonNumber));
  return onDay.filter((lesson) => lesson.lessonNumber === first);
}
