import type { PeopleContext } from '../../../context.ts';
import { registrationScope } from '../service.ts';

export const Query = {
  militaryRegistration: (
    _: unknown,
    args: { organizationId?: string | null; municipalityId?: string | null },
    ctx: PeopleContext,
  ) => registrationScope(ctx.db, ctx.policy, ctx.now, args),
};
