/**
 * Lessons: one per timetable slot on every study day of the year (weekends and holidays skipped). Planned
 * topics (КТП) are filled two weeks past the demo's "now", homework one week past it; homework is due on the
 * next lesson of the subject on a later day, about 30% of it mandatory, a few with attachments.
 */
import { addDays } from '../calendar.ts';
import type { ClassInfo } from './classes.ts';
import { isoWeekday, studyDays } from './calendar.ts';
import type { LearningContext } from './context.ts';
import type { Teaching } from './teaching.ts';
import { homeworkChance, homeworkText, topicOf } from './topics.ts';
import type { LessonRow, ScheduleSlotRow } from './types.ts';

const TOPIC_DAYS_AHEAD = 14;
const HOMEWORK_DAYS_AHEAD = 7;
const MANDATORY_SHARE = 0.3;
const ATTACHMENT_SHARE = 0.04;

/** class id → its lessons in (date, lesson number) order. */
export type LessonsByClass = Map<string, LessonRow[]>;

export function createLessons(
  context: LearningContext,
  classes: ClassInfo[],
  slotsByClass: Map<string, ScheduleSlotRow[]>,
  teaching: Teaching,
): LessonsByClass {
  const rng = context.random('lessons');
  const topicsUntil = addDays(context.asOf, TOPIC_DAYS_AHEAD);
  const homeworkUntil = addDays(context.asOf, HOMEWORK_DAYS_AHEAD);
  const daysOf = new Map<string, string[]>();
  const byClass: LessonsByClass = new Map();
  for (const info of classes) {
    const slots = slotsByClass.get(info.id) ?? [];
    const days = daysOf.get(info.organization.id) ?? studyDays(info.organization.calendar);
    daysOf.set(info.organization.id, days);
    const lessons: LessonRow[] = [];
    for (const date of days) {
      const weekday = isoWeekday(date);
      for (const slot of slots) {
        if (slot.weekday !== weekday) continue;
        lessons.push({
          id: context.ids.next(),
          schoolYear: context.schoolYear,
          organizationId: info.organizationId,
          classId: info.id,
          subjectId: slot.subjectId,
          teacherId: slot.teacherId,
          subgroup: slot.subgroup ?? null,
          date,
          lessonNumber: slot.lessonNumber,
          topic: null,
          homework: null,
          homeworkDueOn: null,
          homeworkMandatory: false,
          homeworkAttachments: null,
        });
      }
    }
    const sequences = new Map<string, LessonRow[]>();
    for (const lesson of lessons) {
      const key = `${lesson.subjectId}|${lesson.subgroup}`;
      const sequence = sequences.get(key);
      if (sequence) sequence.push(lesson);
      else sequences.set(key, [lesson]);
    }
    for (const sequence of sequences.values()) {
      sequence.forEach((lesson, k) => {
        const subject = teaching.subjectNames.get(lesson.subjectId) ?? '';
        if (lesson.date <= topicsUntil) lesson.topic = topicOf(subject, k);
        const next = sequence.slice(k + 1, k + 4).find((later) => later.date > lesson.date);
        if (!next || lesson.date > homeworkUntil || !rng.chance(homeworkChance(subject))) return;
        lesson.homework = homeworkText(rng, subject, k);
        lesson.homeworkDueOn = next.date;
        lesson.homeworkMandatory = rng.chance(MANDATORY_SHARE);
        if (rng.chance(ATTACHMENT_SHARE)) {
          lesson.homeworkAttachments = [
            { name: 'Карточка с заданиями.pdf', url: `https://files.demo.example/homework/${lesson.id}/card.pdf` },
          ];
        }
      });
    }
    byClass.set(info.id, lessons);
    context.rows.lessons.push(...lessons);
  }
  return byClass;
}
