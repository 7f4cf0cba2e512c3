import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import { reportOptionsOf, type AnalyticsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { reportFile } from '../exports/service.ts';
import { buildReport } from '../reports/service.ts';
import { inputOf, removeSavedReport, saveReport, savedReport, savedReports } from './service.ts';

const deps = (ctx: AnalyticsContext) => ({ db: ctx.db, readDb: ctx.readDb, now: ctx.now() });

export const savedReportsModule: SubgraphModule<AnalyticsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      savedReports: (_parent, _args, ctx) => savedReports(deps(ctx), ctx.policy),
      savedReport: (_parent, { id }, ctx) => savedReport(deps(ctx), ctx.policy, id),
    },
    Mutation: {
      saveReport: (_parent, { input }, ctx) => saveReport(deps(ctx), ctx.policy, input),
      deleteSavedReport: (_parent, { id }, ctx) => removeSavedReport(deps(ctx), ctx.policy, id),
    },
    SavedReport: {
      mine: (row, _args, ctx) => ctx.principal.kind === 'PERSON' && row.ownerId === ctx.principal.personId,
      savedAt: (row) => row.updatedAt,
      definition: (row) => row.definition,
      // Run with the opener's principal: their scope and their suppression, never the saver's (issue 12).
      table: (row, _args, ctx) => buildReport(ctx.readDb, ctx.policy, inputOf(row.definition), reportOptionsOf(ctx)),
      file: (row, { format }, ctx) =>
        reportFile(ctx.readDb, ctx.policy, inputOf(row.definition), format, {
          ...reportOptionsOf(ctx),
          title: row.title,
        }),
    },
  } satisfies Resolvers,
};
