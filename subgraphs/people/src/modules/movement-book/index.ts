import {
  badInput,
  loadTypeDefs,
  type SubgraphModule,
  connection,
  decodeCursor,
  encodeCursor,
  pageSize,
} from '@region/kit';
import { PAYMENT_METHOD_NAMES } from '@region/schema';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { assertCanRead } from '../persons/masking.ts';
import type { PersonRow } from '../persons/repository.ts';
import {
  movementBook,
  movementById,
  recordClassMovement,
  recordMovement,
  type ClassMovementInput,
  type MovementInput,
  type MovementKind,
} from './service.ts';

type ClassMovementArgs = Omit<ClassMovementInput, 'kind'> & { kind: MovementKind };
export type MovementRow = NonNullable<Awaited<ReturnType<typeof movementById>>> & { personConsented?: boolean };
type Cursor = { on: string; id: string };
const isCursor = (value: unknown): value is Cursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Cursor).on === 'string' &&
  typeof (value as Cursor).id === 'string';

export const movementBookModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      movementBook: async (
        _: unknown,
        args: { organizationId: string; first?: number | null; after?: string | null },
        ctx: PeopleContext,
      ) => {
        const first = pageSize(args.first);
        const rows = await movementBook(ctx.db, ctx.policy, args.organizationId, {
          first,
          after: decodeCursor(args.after, isCursor),
        });
        return connection(rows, first, (row) => encodeCursor({ on: row.effectiveOn, id: row.id }));
      },
    },
    Mutation: {
      recordClassMovement: async (_: unknown, args: { input: ClassMovementArgs }, ctx: PeopleContext) => {
        const { kind } = args.input;
        if (kind !== 'TRANSFER' && kind !== 'GRADUATE') {
          throw badInput('Приказом на класс оформляется перевод или выпуск.', 'kind');
        }
        const ids = await recordClassMovement(ctx.db, ctx.policy, { ...args.input, kind });
        return Promise.all(ids.map((id) => movementById(ctx.db, id)));
      },
      recordMovement: async (_: unknown, args: { input: MovementInput }, ctx: PeopleContext) => {
        const id = await recordMovement(ctx.db, ctx.policy, args.input);
        ctx.loaders.enrolment.clear(args.input.personId);
        return movementById(ctx.db, id);
      },
    },
    Person: {
      movements: (row: PersonRow, _: unknown, ctx: PeopleContext) => {
        assertCanRead(row, 'pii', 'Книга движения');
        // A depersonalized learner's path through schools is their personal data (rule 5).
        if (!row.consented) return null;
        return ctx.loaders.movements.load(row.id);
      },
    },
    MovementEntry: {
      person: (row: MovementRow, _: unknown, ctx: PeopleContext) => ctx.loaders.person.load(row.personId),
      organization: (row: MovementRow, _: unknown, ctx: PeopleContext) =>
        ctx.loaders.organization.load(row.organizationId),
      fromOrganization: (row: MovementRow, _: unknown, ctx: PeopleContext) =>
        row.fromOrganizationId ? ctx.loaders.organization.load(row.fromOrganizationId) : null,
      recordedAt: (row: MovementRow) => row.createdAt,
      paymentMethodName: (row: MovementRow) => (row.paymentMethod ? PAYMENT_METHOD_NAMES[row.paymentMethod] : null),
      reason: (row: MovementRow) => (row.personConsented === false ? null : row.reason),
    },
  } satisfies Resolvers,
};
