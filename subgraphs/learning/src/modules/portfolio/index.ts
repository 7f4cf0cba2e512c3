import { loadTypeDefs, pageSize, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { currentSchoolYear, daysBetween, isoDate } from '../../calendar.ts';
import type { PeriodRow } from '../journal/repository.ts';
import { addSums, attendedPercent, change, classAverage, weightedAverage, type MarkSums } from './figures.ts';
import { eventsFor, type MarkSumRow } from './repository.ts';

export interface PortfolioSource {
  studentId: string;
  schoolYear: number;
  today: string;
  classIds: string[];
  organizationIds: string[];
  periods: PeriodRow[];
}

/** Per subject: the student's weighted average next to the class's, for the year and each period. */
function subjectProgress(rows: readonly MarkSumRow[], source: PortfolioSource) {
  const subjects = [...new Set(rows.map((row) => row.subjectId))];
  return subjects.map((subjectId) => {
    const ofSubject = rows.filter((row) => row.subjectId === subjectId);
    const perStudent = (filter: (row: MarkSumRow) => boolean) => {
      const sums = new Map<string, MarkSums>();
      for (const row of ofSubject.filter(filter)) sums.set(row.studentId, addSums(sums.get(row.studentId), row));
      return sums;
    };
    const figures = (filter: (row: MarkSumRow) => boolean) => {
      const sums = perStudent(filter);
      return {
        average: weightedAverage(sums.get(source.studentId)),
        classAverage: classAverage([...sums.values()].map((s) => weightedAverage(s))),
      };
    };
    let previous: number | null = null;
    const periods = source.periods
      .filter((period) => period.startsOn <= source.today)
      .map((period) => {
        const current = figures((row) => row.periodId === period.id);
        const progress = { period, ...current, change: change(current.average, previous) };
        previous = current.average ?? previous;
        return progress;
      });
    return { subjectId, ...figures(() => true), periods };
  });
}

async function portfolio(person: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) {
  const schoolYear = args.schoolYear ?? currentSchoolYear(ctx.now());
  const today = isoDate(ctx.now());
  const memberships = await ctx.loaders.memberships.load({
    studentId: person.id,
    schoolYear,
    from: `${schoolYear}-09-01`,
    to: `${schoolYear + 1}-08-31`,
  });
  if (memberships.length === 0) return null;
  const organizationIds = [...new Set(memberships.map((m) => m.organizationId))];
  const source: PortfolioSource = {
    studentId: person.id,
    schoolYear,
    today,
    classIds: [...new Set(memberships.map((m) => m.classId))],
    organizationIds,
    periods: await ctx.loaders.periodsOfOrganizationYear.load({ organizationId: organizationIds[0]!, schoolYear }),
  };
  return { schoolYear, source };
}

/** Σ over the source's classes: the loaders answer per class, the portfolio's figures span all of them. */
async function ofClasses<V>(source: PortfolioSource, load: (classId: string) => Promise<V[]>): Promise<V[]> {
  return (await Promise.all(source.classIds.map(load))).flat();
}

export const portfolioModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      portfolio: (person: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) =>
        portfolio(person, args, ctx),
    },
    Portfolio: {
      subjects: async ({ source }: { source: PortfolioSource }, _: unknown, ctx: LearningContext) =>
        subjectProgress(
          await ofClasses(source, (classId) =>
            ctx.loaders.markSumsOfClass.load({ schoolYear: source.schoolYear, classId }),
          ),
          source,
        ),
      attendance: async ({ source }: { source: PortfolioSource }, _: unknown, ctx: LearningContext) => {
        const period = source.periods.find((p) => p.startsOn <= source.today && source.today <= p.endsOn) ?? null;
        const from = period?.startsOn ?? `${source.schoolYear}-09-01`;
        const to = period && period.endsOn < source.today ? period.endsOn : source.today;
        const { schoolYear } = source;
        const [lessonsPerClass, absences] = await Promise.all([
          Promise.all(source.classIds.map((id) => ctx.loaders.lessonCount.load({ schoolYear, id, from, to }))),
          ctx.loaders.absenceCounts.load({ schoolYear, id: source.studentId, from, to }),
        ]);
        const count = (status: string) => absences.find((a) => a.status === status)?.count ?? 0;
        const counts = {
          lessons: lessonsPerClass.reduce((sum, lessons) => sum + lessons, 0),
          absent: count('ABSENT'),
          sick: count('SICK'),
          excused: count('EXCUSED'),
          late: count('LATE'),
        };
        return { period, ...counts, attendedPercent: attendedPercent(counts) };
      },
      nextHolidays: async ({ source }: { source: PortfolioSource }, _: unknown, ctx: LearningContext) => {
        const candidates = await Promise.all(
          source.organizationIds.map((organizationId) =>
            ctx.loaders.nextHoliday.load({ organizationId, today: source.today }),
          ),
        );
        const [next] = candidates
          .filter((row) => row !== null)
          .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
        if (!next) return null;
        return { ...next, daysUntil: Math.max(0, daysBetween(source.today, next.startsOn)) };
      },
      events: ({ source }: { source: PortfolioSource }, args: { first?: number | null }, ctx: LearningContext) =>
        eventsFor(ctx.db, source.organizationIds, source.classIds, source.today, pageSize(args.first ?? 20)),
      controlWorks: ({ source }: { source: PortfolioSource }, _: unknown, ctx: LearningContext) =>
        ctx.loaders.studentMarksOfKind.load({
          schoolYear: source.schoolYear,
          studentId: source.studentId,
          kind: 'CONTROL',
        }),
      periodMarks: ({ source }: { source: PortfolioSource }, _: unknown, ctx: LearningContext) =>
        ctx.loaders.studentMarksOfKind.load({
          schoolYear: source.schoolYear,
          studentId: source.studentId,
          kind: 'PERIOD',
        }),
    },
    SubjectProgress: {
      subject: (row: { subjectId: string }, _: unknown, ctx: LearningContext) =>
        ctx.loaders.subject.load(row.subjectId),
    },
    Event: {
      class: (row: { classId: string | null }, _: unknown, ctx: LearningContext) =>
        row.classId ? ctx.loaders.class.load(row.classId) : null,
    },
  } satisfies Resolvers,
};

/** What `Person.portfolio` answers: the year and the source its fields read lazily. */
export type PortfolioParent = { schoolYear: number; source: PortfolioSource };
export type SubjectProgressRow = ReturnType<typeof subjectProgress>[number];
export type EventRow = Awaited<ReturnType<typeof eventsFor>>[number];
