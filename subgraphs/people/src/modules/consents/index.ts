import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { assertCanRead } from '../persons/masking.ts';
import type { PersonRow } from '../persons/repository.ts';
import { consentsOf, grantConsent, withdrawConsent, type ConsentKind } from './service.ts';

export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];
type Args = { personId: string; kind: ConsentKind };

export const consentsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      grantConsent: (_: unknown, args: Args, ctx: PeopleContext) =>
        grantConsent(ctx.db, ctx.policy, args.personId, args.kind, ctx.now()),
      withdrawConsent: (_: unknown, args: Args, ctx: PeopleContext) =>
        withdrawConsent(ctx.db, ctx.policy, args.personId, args.kind, ctx.now()),
    },
    Person: {
      consents: (row: PersonRow, _: unknown, ctx: PeopleContext) => {
        assertCanRead(row, 'pii', 'Согласия');
        return ctx.loaders.consents.load(row.id);
      },
    },
    Consent: {
      person: (row: ConsentRow, _: unknown, ctx: PeopleContext) => ctx.loaders.person.load(row.personId),
      grantedBy: (row: ConsentRow, _: unknown, ctx: PeopleContext) =>
        row.grantedBy ? ctx.loaders.person.load(row.grantedBy) : null,
    },
    ConsentRequest: {
      child: (row: { personId: string }, _: unknown, ctx: PeopleContext) => ctx.loaders.person.load(row.personId),
    },
  } satisfies Resolvers,
};
