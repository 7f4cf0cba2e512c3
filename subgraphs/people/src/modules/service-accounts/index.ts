import { forbidden, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { PeopleContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { OperationManifestDocument } from './manifest.ts';
import { allServiceAccounts, type OperationManifestRow, type ServiceAccountRow } from './repository.ts';
import { activate, ensureManages, registerManifest, serviceOperations } from './service.ts';

export const serviceAccountsModule: SubgraphModule<PeopleContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      serviceAccounts: (_: unknown, __: unknown, ctx: PeopleContext) => {
        ensureManages(ctx.policy);
        return allServiceAccounts(ctx.db);
      },
      _serviceOperations: (
        _: unknown,
        args: { serviceId: string; knownVersion?: number | null },
        ctx: PeopleContext,
      ) => {
        // Only the gateway asks (the field is @inaccessible); this stops a forged internal call.
        if (ctx.principal.kind !== 'GATEWAY') throw forbidden();
        return serviceOperations(ctx.db, args.serviceId, args.knownVersion);
      },
    },
    Mutation: {
      registerOperationManifest: (
        _: unknown,
        args: { clientId: string; manifest: string; activate?: boolean | null },
        ctx: PeopleContext,
      ) =>
        registerManifest(
          ctx.db,
          ctx.policy,
          args,
          ctx.principal.kind === 'PERSON' ? ctx.principal.personId : null,
          ctx.now(),
        ),
      activateOperationManifest: (_: unknown, args: { clientId: string; version: number }, ctx: PeopleContext) =>
        activate(ctx.db, ctx.policy, args, ctx.now()),
    },
    ServiceAccount: {
      disabled: (row: ServiceAccountRow) => row.disabledAt !== null,
      municipality: (row: ServiceAccountRow, _: unknown, ctx: PeopleContext) =>
        row.municipalityId ? ctx.loaders.municipality.load(row.municipalityId) : null,
      manifests: (row: ServiceAccountRow, _: unknown, ctx: PeopleContext) =>
        ctx.loaders.operationManifests.load(row.id),
      activeManifest: async (row: ServiceAccountRow, _: unknown, ctx: PeopleContext) =>
        (await ctx.loaders.operationManifests.load(row.id)).find((manifest) => manifest.active) ?? null,
    },
    OperationManifest: {
      registeredAt: (row: OperationManifestRow) => row.registeredAt,
      operations: (row: OperationManifestRow) => (row.manifest as OperationManifestDocument).operations,
    },
  } satisfies Resolvers,
};
