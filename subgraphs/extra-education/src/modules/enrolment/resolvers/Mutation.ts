import type { MutationResolvers } from '../../../generated/resolvers.ts';

export const Mutation = {} satisfies MutationResolvers;
