/**
 * The bell schedule and a class teacher's week with guardians' advance absence notices (issue 15 §2). Lessons
 * get their times from their organization's bells for their class's shift; the class page reads the week's
 * absences and notices under the journal's row scope; guardians notify absences of their own children.
 */
import { badInput, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { addDays, daysBetween, isoDate, isoWeekday, schoolYearOf } from '../../calendar.ts';
import type { ClassRow } from '../classes/repository.ts';
import type { JournalGridRow } from '../journal/grid.ts';
import type { LessonRow } from '../journal/lesson-access.ts';
import { person } from '../references.ts';
import { attendanceOfClass, noticesOfClasses, noticesOfStudents, type AbsenceNoticeRow } from './repository.ts';
import { notifyAbsence, setBells, setClassShift, withdrawAbsenceNotice } from './service.ts';
import type { BellInput } from './rules.ts';

const MAX_WEEK_DAYS = 31;
/** PostgreSQL answers `time` as HH:MM:SS; the bells are kept to the minute. */
const hhmm = (time: string) => time.slice(0, 5);

async function bellSchedule(organizationId: string, ctx: LearningContext) {
  const rows = await ctx.loaders.bellsOfOrganization.load(organizationId);
  const shifts = [...new Set(rows.map((row) => row.shift))].sort();
  return {
    organizationId,
    shifts: shifts.map((shift) => ({
      shift,
      bells: rows
        .filter((row) => row.shift === shift)
        .map((row) => ({ lessonNumber: row.lessonNumber, startsAt: hhmm(row.startsAt), endsAt: hhmm(row.endsAt) })),
    })),
  };
}

function classWeek(row: ClassRow, args: { from?: string | null; to?: string | null }, ctx: LearningContext) {
  const today = isoDate(ctx.now());
  const from = args.from ?? (args.to ? addDays(args.to, -6) : addDays(today, 1 - isoWeekday(today)));
  const to = args.to ?? addDays(from, 6);
  if (from > to) throw badInput('Начало диапазона позже его конца.', 'from');
  if (daysBetween(from, to) >= MAX_WEEK_DAYS)
    throw badInput(`Неделя класса открывается не больше чем на ${MAX_WEEK_DAYS} дней.`, 'to');
  if (schoolYearOf(from) !== row.schoolYear || schoolYearOf(to) !== row.schoolYear)
    throw badInput('Даты должны лежать в учебном году класса.', 'from');
  return { classRow: row, from, to, today };
}

export type ClassWeekRow = ReturnType<typeof classWeek>;

export const timetableModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      setBells: async (
        _: unknown,
        args: { input: { organizationId: string; shift: number; bells: BellInput[] } },
        ctx: LearningContext,
      ) => {
        await setBells(ctx.db, ctx.policy, args.input);
        return bellSchedule(args.input.organizationId, ctx);
      },
      setClassShift: async (_: unknown, args: { classId: string; shift: number }, ctx: LearningContext) =>
        (await setClassShift(ctx.db, ctx.policy, args.classId, args.shift))!,
      notifyAbsence: (
        _: unknown,
        args: { input: { studentId: string; from: string; to: string; reason: string } },
        ctx: LearningContext,
      ) => notifyAbsence(ctx.db, ctx.policy, args.input, isoDate(ctx.now())),
      withdrawAbsenceNotice: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        withdrawAbsenceNotice(ctx.db, ctx.policy, args.id, ctx.now()),
    },
    Organization: {
      bellSchedule: (org: { id: string }, _: unknown, ctx: LearningContext) => bellSchedule(org.id, ctx),
    },
    Lesson: {
      time: async (row: LessonRow, _: unknown, ctx: LearningContext) => {
        const bell = (await ctx.loaders.bellsOfClass.load(row.classId)).find(
          (b) => b.lessonNumber === row.lessonNumber,
        );
        return bell
          ? { lessonNumber: bell.lessonNumber, startsAt: hhmm(bell.startsAt), endsAt: hhmm(bell.endsAt) }
          : null;
      },
    },
    Class: {
      shift: (row: ClassRow) => row.shift,
      week: (row: ClassRow, args: { from?: string | null; to?: string | null }, ctx: LearningContext) =>
        classWeek(row, args, ctx),
    },
    ClassWeek: {
      attendance: (week: ClassWeekRow, _: unknown, ctx: LearningContext) =>
        attendanceOfClass(ctx.db, ctx.policy, week.classRow.id, {
          schoolYear: week.classRow.schoolYear,
          from: week.from,
          to: week.to,
        }),
      absenceNotices: (week: ClassWeekRow, _: unknown, ctx: LearningContext) =>
        noticesOfClasses(ctx.db, ctx.policy, [week.classRow.id], week.from, week.to),
    },
    JournalGrid: {
      absenceNotices: (grid: JournalGridRow, _: unknown, ctx: LearningContext) =>
        noticesOfClasses(ctx.db, ctx.policy, [grid.class.id], grid.from, grid.to),
    },
    Person: {
      absenceNotices: async (ref: { id: string }, _: unknown, ctx: LearningContext) => {
        const today = isoDate(ctx.now());
        // A learner out of the principal's journal scope answers null, as the diary does.
        const memberships = await ctx.loaders.memberships.load({
          studentId: ref.id,
          schoolYear: schoolYearOf(today),
          from: today,
          to: today,
        });
        if (memberships.length === 0) return null;
        return noticesOfStudents(ctx.db, ctx.policy, [ref.id], today);
      },
    },
    AbsenceNotice: {
      student: (row: AbsenceNoticeRow) => person(row.studentId),
      from: (row: AbsenceNoticeRow) => row.startsOn,
      to: (row: AbsenceNoticeRow) => row.endsOn,
      declaredBy: (row: AbsenceNoticeRow) => person(row.declaredBy),
      withdrawn: (row: AbsenceNoticeRow) => row.withdrawnAt !== null,
    },
  } satisfies Resolvers,
};
