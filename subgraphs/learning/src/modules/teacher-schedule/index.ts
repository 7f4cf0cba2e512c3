/**
 * The teacher's schedule with substitutions (issue 5, teacher's cabinet): the principal's own lessons, the
 * lessons they substitute and their lessons given to a substitute, day by day. Row scope is the principal
 * themself: the lessons whose teacher or substitute they are.
 */
import type { Resolvers } from '../../generated/resolvers.ts';
import { badInput, forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import { addDays, daysBetween, isoDate, isoWeekday, schoolYearOf } from '../../calendar.ts';
import type { ClassRow } from '../classes/repository.ts';
import { holidaysOf } from '../diary/repository.ts';
import type { LessonRow } from '../journal/lesson-access.ts';
import { classesByIds, organizationsOfTeacher, ownLessons, substitutedByTeacher } from './repository.ts';

const MAX_SCHEDULE_DAYS = 31;

type Role = 'OWN' | 'SUBSTITUTING' | 'SUBSTITUTED';

interface ScheduleEntry {
  lesson: LessonRow;
  class: ClassRow;
  role: Role;
  room: string | null;
}

function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

function rangeOf(args: { from?: string | null; to?: string | null }, today: string) {
  const from = args.from ?? (args.to ? addDays(args.to, -6) : weekStart(today));
  const to = args.to ?? addDays(from, 6);
  if (from > to) throw badInput('Начало диапазона позже его конца.', 'from');
  if (daysBetween(from, to) >= MAX_SCHEDULE_DAYS)
    throw badInput(`Расписание открывается не больше чем на ${MAX_SCHEDULE_DAYS} дней.`, 'to');
  return { from, to, schoolYears: [...new Set([schoolYearOf(from), schoolYearOf(to)])] };
}

async function mySchedule(args: { from?: string | null; to?: string | null }, ctx: LearningContext) {
  const teacherId = ctx.policy.personId;
  // Teachers (and admins who teach) hold journal:write; a guardian, a student or a system has no schedule here.
  if (!teacherId || !ctx.policy.holds('journal:write')) throw forbidden('Расписание учителя доступно только учителям.');
  const today = isoDate(ctx.now());
  const range = { teacherId, ...rangeOf(args, today) };
  const [own, substituting, organizations] = await Promise.all([
    ownLessons(ctx.db, range),
    substitutedByTeacher(ctx.db, range),
    organizationsOfTeacher(ctx.db, teacherId, range.schoolYears),
  ]);
  const rows = [...own, ...substituting];
  const [classes, substitutions, holidays] = await Promise.all([
    classesByIds(ctx.db, [...new Set(rows.map((row) => row.lesson.classId))]),
    ctx.loaders.substitution.loadMany(own.map((row) => row.lesson.id)),
    holidaysOf(
      ctx.db,
      [...new Set([...organizations, ...rows.map((row) => row.lesson.organizationId)])],
      range.from,
      range.to,
    ),
  ]);
  const classById = new Map(classes.map((row) => [row.id, row]));
  const givenAway = new Set(
    own
      .filter((_, index) => {
        const substitution = substitutions[index];
        return substitution && !(substitution instanceof Error);
      })
      .map((row) => row.lesson.id),
  );
  const entries: ScheduleEntry[] = rows.map((row) => ({
    lesson: row.lesson,
    class: classById.get(row.lesson.classId)!,
    room: row.room,
    role: row.lesson.teacherId !== teacherId ? 'SUBSTITUTING' : givenAway.has(row.lesson.id) ? 'SUBSTITUTED' : 'OWN',
  }));
  // The lessons are the principal's own: the Lesson fields below resolve them without the class scope.
  for (const entry of entries) ctx.loaders.lesson.prime(entry.lesson.id, entry.lesson);
  entries.sort((a, b) => a.lesson.date.localeCompare(b.lesson.date) || a.lesson.lessonNumber - b.lesson.lessonNumber);
  const days = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const lessons = entries.filter((entry) => entry.lesson.date === date);
    const holiday = holidays.find((h) => h.startsOn <= date && date <= h.endsOn);
    days.push({ date, holiday: lessons.length ? null : (holiday?.name ?? null), lessons });
  }
  return { from: range.from, to: range.to, today, days };
}

export const teacherScheduleModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      mySchedule: (_: unknown, args: { from?: string | null; to?: string | null }, ctx: LearningContext) =>
        mySchedule(args, ctx),
    },
  } satisfies Resolvers,
};
