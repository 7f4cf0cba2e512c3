import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { currentSchoolYear, isoDate } from '../../calendar.ts';
import { classesOfOrganizations } from '../classes/repository.ts';
import { openingDeadline, openingOverdue, organizationTypeOfClasses, type OrganizationType } from './calendar.ts';
import {
  classKindOf,
  closeStudyPeriod,
  createNextSchoolYear,
  nextSchoolYearForming,
  openSchoolYear,
  organizationsNotOpened,
  type NextYearInput,
  type SchoolYearRow,
} from './service.ts';

/** An organization as the gateway hands it over with `@requires(fields: "type")`: its type from the registry. */
/** A person another subgraph owns, as federation hands it over. */
export type PersonRef = { id: string };

export interface OrganizationWithType {
  id: string;
  type?: OrganizationType | null;
}

/**
 * A school year as `_entities` hands it back for `openedLate`: with the registry's organization type the gateway
 * fetched from people (`@requires(fields: "organization { type }")`).
 */
export type SchoolYearParent = SchoolYearRow & { organizationType?: OrganizationType | null };

/** The registry's type; called without the gateway (no requirement fetched), the kind of the classes. */
async function typeOf(row: SchoolYearParent, ctx: LearningContext): Promise<OrganizationType | null> {
  if (row.organizationType) return row.organizationType;
  const kinds = await classKindOf(ctx.db, [row.organizationId]);
  return organizationTypeOfClasses(kinds.get(row.organizationId) ?? null);
}

export const schoolYearModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      organizationsNotOpened: (
        _: unknown,
        args: {
          schoolYear?: number | null;
          municipalityId?: string | null;
          first?: number | null;
          after?: string | null;
        },
        ctx: LearningContext,
      ) =>
        organizationsNotOpened(
          ctx.db,
          ctx.policy,
          args.schoolYear ?? currentSchoolYear(ctx.now()),
          args.municipalityId,
          args,
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
      schoolYears: async (org: { id: string }, _: unknown, ctx: LearningContext) =>
        [...(await ctx.loaders.schoolYearsOfOrganization.load(org.id))].sort((a, b) => a.year - b.year),
      schoolYearStatus: async (org: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) => {
        const year = args.schoolYear ?? currentSchoolYear(ctx.now());
        const rows = await ctx.loaders.schoolYearsOfOrganization.load(org.id);
        return rows.find((row) => row.year === year)?.status ?? 'NOT_CREATED';
      },
      schoolYearOpening: async (
        org: OrganizationWithType,
        args: { schoolYear?: number | null },
        ctx: LearningContext,
      ) => {
        const schoolYear = args.schoolYear ?? currentSchoolYear(ctx.now());
        const row = (await ctx.loaders.schoolYearsOfOrganization.load(org.id)).find((r) => r.year === schoolYear);
        const deadline = openingDeadline(schoolYear, org.type ?? null);
        const openedOn = row?.openedAt ? isoDate(row.openedAt) : null;
        return {
          schoolYear,
          status: row?.status ?? 'NOT_CREATED',
          deadline,
          overdue: openingOverdue(deadline, openedOn, isoDate(ctx.now())),
        };
      },
      nextSchoolYearForming: async (org: { id: string }, _: unknown, ctx: LearningContext) => {
        const years = await ctx.loaders.schoolYearsOfOrganization.load(org.id);
        const latest = years.length > 0 ? Math.max(...years.map((row) => row.year)) : undefined;
        return nextSchoolYearForming(latest, ctx.now());
      },
    },
    SchoolYear: {
      __resolveReference: async (
        ref: { id: string; organization?: { type?: OrganizationType | null } },
        ctx: LearningContext,
      ): Promise<SchoolYearParent | null> => {
        const row = await ctx.loaders.schoolYear.load(ref.id);
        return row ? { ...row, organizationType: ref.organization?.type ?? null } : null;
      },
      organization: (row: SchoolYearRow) => ({ __typename: 'Organization', id: row.organizationId }),
      name: (row: SchoolYearRow) => `${row.year}/${String(row.year + 1).slice(2)}`,
      openedLate: async (row: SchoolYearParent, _: unknown, ctx: LearningContext) => {
        if (!row.openedAt) return false;
        return isoDate(row.openedAt) > openingDeadline(row.year, await typeOf(row, ctx));
      },
      periods: (row: SchoolYearRow, _: unknown, ctx: LearningContext) => ctx.loaders.periodsOfSchoolYear.load(row.id),
      classes: (row: SchoolYearRow, _: unknown, ctx: LearningContext) =>
        classesOfOrganizations(ctx.db, ctx.policy, [row.organizationId], row.year),
    },
  } satisfies Resolvers,
};
