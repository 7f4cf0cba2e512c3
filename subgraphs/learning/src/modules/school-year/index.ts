import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { learningTables } from '@region/db';
import { asc, eq } from 'drizzle-orm';
import type { LearningContext } from '../../context.ts';
import { currentSchoolYear } from '../../calendar.ts';
import { classesOfOrganizations } from '../classes/repository.ts';
import { openingDeadline } from './calendar.ts';
import {
  classKindOf,
  closeStudyPeriod,
  createNextSchoolYear,
  openSchoolYear,
  organizationsNotOpened,
  type NextYearInput,
  type SchoolYearRow,
} from './service.ts';

const { schoolYears, studyPeriods } = learningTables;

export const schoolYearModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      organizationsNotOpened: (
        _: unknown,
        args: { schoolYear?: number | null; municipalityId?: string | null },
        ctx: LearningContext,
      ) =>
        organizationsNotOpened(
          ctx.db,
          ctx.policy,
          args.schoolYear ?? currentSchoolYear(ctx.now()),
          args.municipalityId,
          ctx.now(),
        ),
    },
    Mutation: {
      createNextSchoolYear: (_: unknown, args: { input: NextYearInput }, ctx: LearningContext) =>
        createNextSchoolYear(ctx.db, ctx.policy, args.input, ctx.now()),
      openSchoolYear: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        openSchoolYear(ctx.db, ctx.policy, args.id, ctx.now()),
      closeStudyPeriod: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        closeStudyPeriod(ctx.db, ctx.policy, args.id, ctx.now()),
    },
    Organization: {
      schoolYears: (org: { id: string }, _: unknown, ctx: LearningContext) =>
        ctx.db.select().from(schoolYears).where(eq(schoolYears.organizationId, org.id)).orderBy(asc(schoolYears.year)),
      schoolYearStatus: async (org: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) => {
        const year = args.schoolYear ?? currentSchoolYear(ctx.now());
        const rows = await ctx.loaders.schoolYearsOfOrganization.load(org.id);
        return rows.find((row) => row.year === year)?.status ?? 'NOT_CREATED';
      },
    },
    SchoolYear: {
      name: (row: SchoolYearRow) => `${row.year}/${String(row.year + 1).slice(2)}`,
      openedLate: async (row: SchoolYearRow, _: unknown, ctx: LearningContext) => {
        if (!row.openedAt) return false;
        const kind = (await classKindOf(ctx.db, [row.organizationId])).get(row.organizationId) ?? null;
        return row.openedAt.toISOString().slice(0, 10) > openingDeadline(row.year, kind);
      },
      periods: (row: SchoolYearRow, _: unknown, ctx: LearningContext) =>
        ctx.db
          .select()
          .from(studyPeriods)
          .where(eq(studyPeriods.schoolYearId, row.id))
          .orderBy(asc(studyPeriods.number)),
      classes: (row: SchoolYearRow, _: unknown, ctx: LearningContext) =>
        classesOfOrganizations(ctx.db, ctx.policy, [row.organizationId], row.year),
    },
  } as SubgraphModule<LearningContext>['resolvers'],
};
