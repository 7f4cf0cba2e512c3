import { forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { Grant } from '@region/schema';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { openRequestsForGuardian } from '../consents/service.ts';
import type { PersonRow } from '../persons/repository.ts';
import {
  acceptDataTransfer,
  dataTransferConsentRequired,
  resolveLogin,
  resolveService,
  type EsiaProfile,
} from './service.ts';

export type MeRow = { personId: string };

function requirePerson(ctx: PeopleContext): MeRow {
  if (ctx.principal.kind !== 'PERSON') throw forbidden('Этот запрос доступен только вошедшему пользователю.');
  return { personId: ctx.principal.personId };
}

export const loginModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      me: (_: unknown, __: unknown, ctx: PeopleContext) => requirePerson(ctx),
    },
    Mutation: {
      _resolveLogin: async (
        _: unknown,
        args: { input: { oid: string; profile?: EsiaProfile | null } },
        ctx: PeopleContext,
      ) => {
        // Only the gateway resolves logins; the field is @inaccessible, this stops a forged internal call.
        if (ctx.principal.kind !== 'GATEWAY') throw forbidden();
        const result = await ctx.db.transaction((tx) => resolveLogin(tx, args.input, ctx.now()));
        return result.outcome === 'OK'
          ? { outcome: 'OK', principal: JSON.stringify(result.principal), message: null }
          : { outcome: result.outcome, principal: null, message: result.message };
      },
      _resolveService: async (_: unknown, args: { clientId: string }, ctx: PeopleContext) => {
        if (ctx.principal.kind !== 'GATEWAY') throw forbidden();
        const principal = await resolveService(ctx.db, args.clientId);
        return principal
          ? { outcome: 'OK', principal: JSON.stringify(principal), message: null }
          : {
              outcome: 'ACCOUNT_NOT_LINKED',
              principal: null,
              message: 'Внешняя система не зарегистрирована в платформе или отключена.',
            };
      },
      acceptDataTransfer: async (_: unknown, __: unknown, ctx: PeopleContext) => {
        const me = requirePerson(ctx);
        await acceptDataTransfer(ctx.db, me.personId, ctx.now());
        return me;
      },
    },
    Me: {
      person: (me: MeRow, _: unknown, ctx: PeopleContext) => ctx.loaders.person.load(me.personId),
      grants: (_: MeRow, __: unknown, ctx: PeopleContext) =>
        ctx.principal.kind === 'PERSON' ? ctx.principal.grants : [],
      consentRequests: (me: MeRow, _: unknown, ctx: PeopleContext) => openRequestsForGuardian(ctx.db, me.personId),
      dataTransferConsentRequired: (me: MeRow, _: unknown, ctx: PeopleContext) =>
        dataTransferConsentRequired(ctx.db, me.personId),
    },
    RoleGrant: {
      territory: (grant: Grant) => grant.territory.kind,
      municipality: (grant: Grant, _: unknown, ctx: PeopleContext) =>
        grant.territory.kind === 'MUNICIPALITY' ? ctx.loaders.municipality.load(grant.territory.municipalityId) : null,
      organization: (grant: Grant, _: unknown, ctx: PeopleContext) =>
        grant.territory.kind === 'ORGANIZATION' || grant.territory.kind === 'CLASS'
          ? ctx.loaders.organization.load(grant.territory.organizationId)
          : null,
      classId: (grant: Grant) => (grant.territory.kind === 'CLASS' ? grant.territory.classId : null),
      children: async (grant: Grant, _: unknown, ctx: PeopleContext) => {
        if (grant.territory.kind !== 'CHILDREN') return null;
        const rows = await ctx.loaders.person.loadMany(grant.territory.personIds);
        return rows.filter((row): row is PersonRow => row !== null && !(row instanceof Error));
      },
    },
  } satisfies Resolvers,
};
