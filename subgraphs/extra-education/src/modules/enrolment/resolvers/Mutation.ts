import type { MutationResolvers } from '../../../generated/resolvers.ts';
import { chargeContracts, concludeContract, endContract } from '../contracts.ts';
import { applyToGroup, decideApplication, withdrawApplication } from '../service.ts';

export const Mutation = {
  applyToGroup: (_, args, ctx) => applyToGroup(ctx, args.input, 'CABINET'),
  registerExtraApplicationInPerson: (_, args, ctx) => applyToGroup(ctx, args.input, 'IN_PERSON'),
  decideExtraApplication: (_, args, ctx) => decideApplication(ctx, args.id, args.accept, args.reason),
  withdrawExtraApplication: (_, args, ctx) => withdrawApplication(ctx, args.id),
  concludeExtraContract: (_, args, ctx) => concludeContract(ctx, args.applicationId, args.paymentMethod),
  endExtraContract: (_, args, ctx) => endContract(ctx, args.id, args.reason, args.endedOn),
  chargeExtraContracts: (_, args, ctx) => chargeContracts(ctx, args.month),
} satisfies MutationResolvers;
