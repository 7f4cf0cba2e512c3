/**
 * The `learning` rows of the demo region for the current school year, derived from the people rows and the
 * catalogue. Deterministic from the seed, with its own random streams and ids: the people rows never
 * change because of it. Only schools and colleges whose year is open keep a journal (timetable, lessons,
 * marks, attendance, homework, events); kindergartens and organizations that have not opened the year get
 * their classes, members, assignments and — where the year exists — its periods and curriculum.
 */
import type { DemoCatalog, DemoRows } from '../types.ts';
import { createAttendance } from './attendance.ts';
import { createBells } from './bells.ts';
import { createClasses } from './classes.ts';
import { createLearningContext, isJournalKept } from './context.ts';
import { planControlWorks } from './control-works.ts';
import { correctMarks } from './corrections.ts';
import { createEvents } from './events.ts';
import { createSubmissions } from './homework.ts';
import { createLessons } from './lessons.ts';
import { createMarks } from './marks.ts';
import { createPeriodMarks } from './period-marks.ts';
import { createSubstitutions } from './substitutions.ts';
import { createTeaching } from './teaching.ts';
import { createTimetable } from './timetable.ts';
import type { LearningRows } from './types.ts';
import { createYears } from './years.ts';

export function generateLearning(seed: number | string, people: DemoRows, catalog: DemoCatalog): LearningRows {
  const context = createLearningContext(seed, people, catalog);
  createYears(context);
  const classes = createClasses(context);
  const teaching = createTeaching(context, classes);
  const journal = classes.filter((info) => info.schoolYear === context.schoolYear && isJournalKept(info.organization));
  const slots = createTimetable(context, journal, teaching);
  const lessons = createLessons(context, journal, slots, teaching);
  const control = planControlWorks(context, journal, lessons, teaching);
  createEvents(context, journal);
  const substitutes = createSubstitutions(context, journal, lessons, teaching);
  const absences = createAttendance(context, journal, lessons, substitutes);
  const overdue = createSubmissions(context, journal, lessons);
  createMarks(context, journal, lessons, absences, control, substitutes, overdue);
  correctMarks(context);
  createPeriodMarks(context, journal, teaching);
  // Last: its ids come after every other step's, so adding it moved no existing row's id.
  createBells(context);
  return context.rows;
}
