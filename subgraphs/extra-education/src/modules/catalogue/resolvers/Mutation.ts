import type { MutationResolvers } from '../../../generated/resolvers.ts';
import {
  archiveProgramme,
  createGroup,
  createProgramme,
  publishProgramme,
  updateGroup,
  updateProgramme,
} from '../service.ts';

export const Mutation = {
  createProgramme: (_, args, ctx) => createProgramme(ctx, args.input),
  updateProgramme: (_, args, ctx) => updateProgramme(ctx, args.id, args.input),
  publishProgramme: (_, args, ctx) => publishProgramme(ctx, args.id),
  archiveProgramme: (_, args, ctx) => archiveProgramme(ctx, args.id),
  createGroup: (_, args, ctx) => createGroup(ctx, args.input),
  updateGroup: (_, args, ctx) => updateGroup(ctx, args.id, args.input),
} satisfies MutationResolvers;
