import { forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { PersonRow } from '../persons/repository.ts';
import { grantRole, withdrawRole, type GrantRoleInput, type GrantRow } from './service.ts';

export const grantsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      grantRole: (_: unknown, args: { input: GrantRoleInput }, ctx: PeopleContext) =>
        grantRole(ctx.db, ctx.policy, args.input, ctx.now()),
      withdrawRole: (_: unknown, args: { id: string }, ctx: PeopleContext) =>
        withdrawRole(ctx.db, ctx.policy, args.id, ctx.now()),
    },
    Person: {
      grants: (row: PersonRow, _: unknown, ctx: PeopleContext) => {
        if (!row.canManageGrants) throw forbidden('Роли этого человека вам не видны.');
        return ctx.loaders.grants.load(row.id);
      },
    },
    RoleGrantRecord: {
      person: (row: GrantRow, _: unknown, ctx: PeopleContext) => ctx.loaders.person.load(row.personId),
      municipality: (row: GrantRow, _: unknown, ctx: PeopleContext) =>
        row.municipalityId ? ctx.loaders.municipality.load(row.municipalityId) : null,
      organization: (row: GrantRow, _: unknown, ctx: PeopleContext) =>
        row.organizationId ? ctx.loaders.organization.load(row.organizationId) : null,
    },
  } satisfies Resolvers,
};
