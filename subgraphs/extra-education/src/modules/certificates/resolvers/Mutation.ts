import type { MutationResolvers } from '../../../generated/resolvers.ts';
import { issueCertificate, receiveEpguCertificate } from '../service.ts';

export const Mutation = {
  issueCertificate: (_, args, ctx) => issueCertificate(ctx, args.childId),
  receiveEpguCertificate: (_, args, ctx) => receiveEpguCertificate(ctx, args.input),
} satisfies MutationResolvers;
