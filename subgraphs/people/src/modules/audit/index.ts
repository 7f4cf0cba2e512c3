import { forbidden, loadTypeDefs, type SubgraphModule, pageSize } from '@region/kit';
import { tables } from '@region/db';
import { desc, eq } from 'drizzle-orm';
import type { PeopleContext } from '../../context.ts';
import type { PersonRow } from '../persons/repository.ts';

type HistoryRow = typeof tables.history.$inferSelect;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const auditModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      // One person's history at a time (a card view), so no loader: it is never asked for a list of cards.
      history: (row: PersonRow, args: { first?: number | null }, ctx: PeopleContext) => {
        if (!row.canReadAudit) throw forbidden('Историю изменений этой карточки вам смотреть нельзя.');
        return ctx.db
          .select()
          .from(tables.history)
          .where(eq(tables.history.entityId, row.id))
          .orderBy(desc(tables.history.changedAt), desc(tables.history.id))
          .limit(pageSize(args.first));
      },
    },
    HistoryEntry: {
      oldValue: (row: HistoryRow) => json(row.oldValue),
      newValue: (row: HistoryRow) => json(row.newValue),
      changedBy: (row: HistoryRow, _: unknown, ctx: PeopleContext) =>
        row.changedBy ? ctx.loaders.person.load(row.changedBy) : null,
    },
  } as SubgraphModule<PeopleContext>['resolvers'],
};
