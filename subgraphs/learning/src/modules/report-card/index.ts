/**
 * The report card (табель) of a learner and the сводная ведомость of a class (issue 15 §2).
 * - `Person.reportCard`: subjects × study periods (period marks), year and final marks, attendance totals over
 *   the school year; readable wherever the learner's journal rows are (the learner, their guardians, staff with
 *   access to the class) — the same readable memberships as the diary; otherwise null.
 * - `summarySheet` / `summarySheetFile`: summary.ts and file.ts.
 */
import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { currentSchoolYear } from '../../calendar.ts';
import type { ClassRow } from '../classes/repository.ts';
import { periodsOfOrganizations } from '../journal/repository.ts';
import type { MarkRow } from '../journal/service.ts';
import { absencesOfStudent, reportMarksOfStudent, subjectsOfClasses } from './repository.ts';
import { summaryFile } from './file.ts';
import { summaryRow, summarySheet } from './summary.ts';

async function reportCard(person: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) {
  const schoolYear = args.schoolYear ?? currentSchoolYear(ctx.now());
  const range = { studentId: person.id, schoolYear, from: `${schoolYear}-09-01`, to: `${schoolYear + 1}-08-31` };
  const memberships = await ctx.loaders.memberships.load(range);
  if (memberships.length === 0) return null;
  // The periods of the school the learner is in last (a learner who moved keeps the marks of the old school
  // in the year and final columns; its period marks are those of periods with the same number).
  const latest = [...memberships].sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : 1)).at(-1)!;
  const classIds = [...new Set(memberships.map((m) => m.classId))];
  const organizationIds = [...new Set(memberships.map((m) => m.organizationId))];
  const [allPeriods, marks, subjects, attendance, classes] = await Promise.all([
    periodsOfOrganizations(ctx.db, organizationIds, schoolYear),
    reportMarksOfStudent(ctx.db, person.id, schoolYear),
    subjectsOfClasses(ctx.db, classIds),
    absencesOfStudent(ctx.db, person.id, range),
    ctx.loaders.class.loadMany(classIds),
  ]);
  const periods = allPeriods.filter((p) => p.organizationId === latest.organizationId);
  const numberOf = new Map(allPeriods.map((p) => [p.id, p.number]));
  const periodIds = new Set(periods.map((p) => p.id));
  const known = new Map(subjects.map((s) => [s.id, s]));
  const others = [...new Set(marks.map((m) => m.subjectId))].filter((id) => !known.has(id));
  for (const subject of await ctx.loaders.subject.loadMany(others)) {
    if (subject && !(subject instanceof Error)) known.set(subject.id, subject);
  }
  const rows = [...known.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((subject) => {
      const own = marks.filter((m) => m.subjectId === subject.id);
      const ofPeriod = (number: number, id: string): MarkRow | null =>
        own.find((m) => m.kind === 'PERIOD' && m.periodId === id) ??
        own.find(
          (m) => m.kind === 'PERIOD' && m.periodId && !periodIds.has(m.periodId) && numberOf.get(m.periodId) === number,
        ) ??
        null;
      return {
        subject,
        periodMarks: periods.map((period) => ofPeriod(period.number, period.id)),
        yearMark: own.find((m) => m.kind === 'YEAR') ?? null,
        finalMark: own.find((m) => m.kind === 'FINAL') ?? null,
      };
    });
  return {
    schoolYear,
    classes: classes.filter((row): row is ClassRow => Boolean(row) && !(row instanceof Error)),
    periods,
    subjects: rows,
    attendance,
  };
}

export const reportCardModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      summarySheet: async (_: unknown, args: { classId: string; periodId: string }, ctx: LearningContext) => {
        const sheet = await summarySheet(ctx.db, ctx.policy, args.classId, args.periodId);
        return { ...sheet, rows: sheet.rows.map(summaryRow) };
      },
      summarySheetFile: async (
        _: unknown,
        args: { classId: string; periodId: string; format: 'CSV' | 'XLSX' },
        ctx: LearningContext,
      ) => {
        const sheet = await summarySheet(ctx.db, ctx.policy, args.classId, args.periodId);
        const names = await ctx.peopleNames(sheet.rows.map((row) => row.studentId));
        return summaryFile(sheet, names, args.format, ctx.now());
      },
    },
    Person: {
      reportCard: (person: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) =>
        reportCard(person, args, ctx),
    },
  } satisfies Resolvers,
};
