import { forbidden, loadTypeDefs, type SubgraphModule, pageSize } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PersonRow } from '../persons/repository.ts';
import { historyOfEntity, type HistoryEntryRow } from './repository.ts';

/** `masked`: the card is depersonalized, so the values of its history are personal data to hide (rule 5). */
export type HistoryRow = HistoryEntryRow & { masked: boolean };

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const auditModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Person: {
      // One person's history at a time (a card view), so no loader: it is never asked for a list of cards.
      history: async (row: PersonRow, args: { first?: number | null }, ctx: PeopleContext) => {
        if (!row.canReadAudit) throw forbidden('Историю изменений этой карточки вам смотреть нельзя.');
        const entries = await historyOfEntity(ctx.db, row.id, pageSize(args.first));
        // Who changed which field and when stays (rule 6); what it was and became is the person's data.
        // Consent entries stay readable: they say why the card is depersonalized.
        return entries.map((entry) => ({ ...entry, masked: !row.consented && entry.entity !== 'consent' }));
      },
    },
    HistoryEntry: {
      oldValue: (row: HistoryRow) => (row.masked ? null : json(row.oldValue)),
      newValue: (row: HistoryRow) => (row.masked ? null : json(row.newValue)),
      depersonalized: (row: HistoryRow) => row.masked,
      changedBy: (row: HistoryRow, _: unknown, ctx: PeopleContext) =>
        row.changedBy ? ctx.loaders.person.load(row.changedBy) : null,
    },
  } satisfies Resolvers,
};
