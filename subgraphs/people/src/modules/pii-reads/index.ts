import { connection, decodeCursor, encodeCursor, loadTypeDefs, pageSize, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { fieldLabel } from './fields.ts';
import { piiReadsOfPerson, readAnomalies, type AnomalyRow, type PiiReadKey, type PiiReadRow } from './repository.ts';
import { ANOMALY_RULE, anomalyDay, isRegionalOperator, logOwner } from './service.ts';

const isKey = (value: unknown): value is PiiReadKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PiiReadKey).readAt === 'string' &&
  typeof (value as PiiReadKey).id === 'string';

export type AnomalyView = AnomalyRow & { day: string };

export const piiReadsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      personalDataReads: async (
        _: unknown,
        args: { personId?: string | null; first?: number | null; after?: string | null },
        ctx: PeopleContext,
      ) => {
        const first = pageSize(args.first);
        const after = decodeCursor(args.after, isKey);
        const personId = await logOwner(ctx, args.personId);
        const rows = await piiReadsOfPerson(ctx.db, personId, first, after);
        return connection(rows, first, (row) => encodeCursor({ readAt: row.readAt.toISOString(), id: row.id }));
      },
      personalDataReadAnomalies: async (_: unknown, args: { day?: string | null }, ctx: PeopleContext) => {
        const day = anomalyDay(ctx, args.day);
        const rows = await readAnomalies(ctx.db, { day, ...ANOMALY_RULE });
        return rows.map((row): AnomalyView => ({ ...row, day }));
      },
    },
    PersonalDataRead: {
      organization: (row: PiiReadRow, _: unknown, ctx: PeopleContext) =>
        row.organizationId ? ctx.loaders.organization.load(row.organizationId) : null,
      municipality: (row: PiiReadRow, _: unknown, ctx: PeopleContext) =>
        row.municipalityId ? ctx.loaders.municipality.load(row.municipalityId) : null,
      fieldNames: (row: PiiReadRow) => row.fields.map(fieldLabel),
      serviceAccount: (row: PiiReadRow) => row.serviceAccountName,
      // Who exactly read is for the operator's investigation; a family sees the role and the organization.
      reader: (row: PiiReadRow, _: unknown, ctx: PeopleContext) =>
        row.readerPersonId && isRegionalOperator(ctx) ? ctx.loaders.person.load(row.readerPersonId) : null,
      operation: (row: PiiReadRow, _: unknown, ctx: PeopleContext) => (isRegionalOperator(ctx) ? row.operation : null),
    },
    PersonalDataReadAnomaly: {
      reader: (row: AnomalyView, _: unknown, ctx: PeopleContext) =>
        row.readerPersonId ? ctx.loaders.person.load(row.readerPersonId) : null,
      serviceAccount: (row: AnomalyView) => row.serviceAccountName,
    },
  } satisfies Resolvers,
};
