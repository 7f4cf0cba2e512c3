import { regionDate } from '@region/kit';
import type { PeopleContext } from '../../../context.ts';
import { createPerson, updatePerson, type CreatePersonInput } from '../service.ts';
import type { PersonFields } from '../validation.ts';

const today = (ctx: PeopleContext) => regionDate(ctx.now());

export const Mutation = {
  createPerson: async (
    _: unknown,
    args: { input: CreatePersonInput; confirmPossibleDuplicate?: boolean | null },
    ctx: PeopleContext,
  ) => {
    const id = await createPerson(ctx.db, ctx.policy, args.input, {
      confirmPossibleDuplicate: args.confirmPossibleDuplicate === true,
      today: today(ctx),
    });
    return ctx.loaders.person.clear(id).load(id);
  },
  updatePerson: async (_: unknown, args: { id: string; input: PersonFields }, ctx: PeopleContext) => {
    const id = await updatePerson(ctx.db, ctx.policy, args.id, args.input, today(ctx));
    return ctx.loaders.person.clear(id).load(id);
  },
};
