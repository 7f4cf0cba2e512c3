import { badInput, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { ClassRow } from '../classes/repository.ts';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { addDays, currentSchoolYear, daysBetween, isoDate, isoWeekday, schoolYearOf } from '../../calendar.ts';
import type { LessonRow } from '../journal/lesson-access.ts';
import type { MarkRow } from '../journal/service.ts';
import { attendanceOfStudents, marksOfStudents, roomOf, type StudentRange } from './repository.ts';

const MAX_DIARY_DAYS = 31;

/** Monday of the week of a date. */
function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

function rangeFor(
  studentId: string,
  args: { from?: string | null; to?: string | null },
  ctx: LearningContext,
  fallback: 'week' | 'year',
): StudentRange {
  const today = isoDate(ctx.now());
  const year = args.from ? schoolYearOf(args.from) : currentSchoolYear(ctx.now());
  const from = args.from ?? (fallback === 'week' ? weekStart(today) : `${year}-09-01`);
  const to = args.to ?? (fallback === 'week' ? addDays(from, 6) : `${year + 1}-08-31`);
  if (from > to) throw badInput('Начало диапазона позже его конца.', 'from');
  if (schoolYearOf(to) !== year) throw badInput('Диапазон должен лежать в одном учебном году.', 'to');
  return { studentId, schoolYear: year, from, to };
}

async function diary(person: { id: string }, args: { from?: string | null; to?: string | null }, ctx: LearningContext) {
  const range = rangeFor(person.id, args, ctx, 'week');
  if (daysBetween(range.from, range.to) >= MAX_DIARY_DAYS)
    throw badInput(`Дневник открывается не больше чем на ${MAX_DIARY_DAYS} дней.`, 'to');
  const rows = await ctx.loaders.diaryRows.load(range);
  if (!rows) return null;
  const { memberships, lessons, marks, absences, submissions, holidays, slots } = rows;
  // Only the lessons of the days the student was in each class.
  const inClass = (lesson: LessonRow) =>
    memberships.some(
      (m) => m.classId === lesson.classId && m.joinedOn <= lesson.date && (!m.leftOn || m.leftOn > lesson.date),
    );
  const marksByLesson = new Map<string, MarkRow[]>();
  for (const mark of marks)
    if (mark.lessonId) marksByLesson.set(mark.lessonId, [...(marksByLesson.get(mark.lessonId) ?? []), mark]);
  const absence = new Map(absences.map((a) => [a.lessonId, a.status]));
  const submitted = new Set(submissions.map((s) => s.lessonId));
  const days = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const dayLessons = lessons.filter((lesson) => lesson.date === date && inClass(lesson));
    for (const lesson of dayLessons) ctx.loaders.lesson.prime(lesson.id, lesson);
    const holiday = holidays.find((h) => h.startsOn <= date && date <= h.endsOn);
    days.push({
      date,
      holiday: holiday?.name ?? null,
      lessons: dayLessons.map((lesson) => ({
        lesson,
        marks: marksByLesson.get(lesson.id) ?? [],
        attendance: absence.get(lesson.id) ?? null,
        homeworkSubmitted: submitted.has(lesson.id),
        room: roomOf(slots, lesson),
      })),
    });
  }
  return { from: range.from, to: range.to, today: isoDate(ctx.now()), days };
}

export const diaryModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      diary: (person: { id: string }, args: { from?: string | null; to?: string | null }, ctx: LearningContext) =>
        diary(person, args, ctx),
      marks: async (
        person: { id: string },
        args: { from?: string | null; to?: string | null; subjectId?: string | null; kinds?: string[] | null },
        ctx: LearningContext,
      ) => {
        const range = rangeFor(person.id, args, ctx, 'year');
        if ((await ctx.loaders.memberships.load(range)).length === 0) return null;
        return marksOfStudents(ctx.db, [person.id], range, args);
      },
      attendance: async (
        person: { id: string },
        args: { from?: string | null; to?: string | null },
        ctx: LearningContext,
      ) => {
        const range = rangeFor(person.id, args, ctx, 'year');
        if ((await ctx.loaders.memberships.load(range)).length === 0) return null;
        return attendanceOfStudents(ctx.db, [person.id], range);
      },
      overdueHomework: (person: { id: string }, _: unknown, ctx: LearningContext) => {
        const range = rangeFor(person.id, {}, ctx, 'year');
        const today = isoDate(ctx.now());
        return ctx.loaders.overdueHomework.load({ ...range, from: today, to: today });
      },
      classes: async (person: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) => {
        const year = args.schoolYear ?? currentSchoolYear(ctx.now());
        const memberships = await ctx.loaders.memberships.load({
          studentId: person.id,
          schoolYear: year,
          from: `${year}-09-01`,
          to: `${year + 1}-08-31`,
        });
        const rows = await ctx.loaders.class.loadMany([...new Set(memberships.map((m) => m.classId))]);
        return rows.filter((row): row is ClassRow => Boolean(row) && !(row instanceof Error));
      },
    },
  } satisfies Resolvers,
};
