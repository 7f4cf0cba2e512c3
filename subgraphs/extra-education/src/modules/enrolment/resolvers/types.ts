import { EXTRA_APPLICATION_STATUS_NAMES, PAYMENT_METHOD_NAMES } from '@region/schema';
import type { ExtraEducationContext } from '../../../context.ts';
import type {
  ExtraApplicationResolvers,
  ExtraApplicationStatusChangeResolvers,
  ExtraContractResolvers,
  PersonResolvers,
} from '../../../generated/resolvers.ts';
import { enrolmentLoaders } from '../loaders.ts';

async function groupOf(ctx: ExtraEducationContext, groupId: string) {
  const group = await ctx.loaders.group.load(groupId);
  if (!group) throw new Error(`group ${groupId} of a readable application is not readable`);
  return group;
}

async function programmeOf(ctx: ExtraEducationContext, groupId: string) {
  const group = await groupOf(ctx, groupId);
  const programme = await ctx.loaders.programme.load(group.programmeId);
  if (!programme) throw new Error(`programme ${group.programmeId} of a readable group is not readable`);
  return programme;
}

export const Person = {
  __resolveReference: (ref) => ({ id: ref.id }),
  extraApplications: (row, _, ctx) => enrolmentLoaders(ctx).applicationsOfChild.load(row.id),
  extraContracts: (row, _, ctx) => enrolmentLoaders(ctx).contractsOfChild.load(row.id),
} satisfies PersonResolvers;

export const ExtraApplication = {
  __resolveReference: (ref, ctx) => enrolmentLoaders(ctx).application.load(ref.id),
  group: (row, _, ctx) => groupOf(ctx, row.groupId),
  programme: (row, _, ctx) => programmeOf(ctx, row.groupId),
  organization: (row) => ({ id: row.organizationId }),
  child: (row) => ({ id: row.childId }),
  applicant: (row) => (row.applicantId ? { id: row.applicantId } : null),
  statusName: (row) => EXTRA_APPLICATION_STATUS_NAMES[row.status],
  paymentMethodName: (row) => (row.paymentMethod ? PAYMENT_METHOD_NAMES[row.paymentMethod] : null),
  history: (row, _, ctx) => enrolmentLoaders(ctx).history.load(row.id),
  contract: (row, _, ctx) => enrolmentLoaders(ctx).contractOfApplication.load(row.id),
} satisfies ExtraApplicationResolvers;

export const ExtraApplicationStatusChange = {
  from: (row) => row.fromStatus,
  to: (row) => row.toStatus,
  changedBy: (row) => (row.changedBy ? { id: row.changedBy } : null),
} satisfies ExtraApplicationStatusChangeResolvers;

const certificateMoney = async (
  row: { id: string; paymentMethod: string },
  ctx: ExtraEducationContext,
  field: 'reserved' | 'charged' | 'remaining',
) => (row.paymentMethod === 'CERTIFICATE' ? (await enrolmentLoaders(ctx).money.load(row.id))[field] : null);

export const ExtraContract = {
  __resolveReference: (ref, ctx) => enrolmentLoaders(ctx).contract.load(ref.id),
  application: async (row, _, ctx) => {
    const application = await enrolmentLoaders(ctx).application.load(row.applicationId);
    if (!application) throw new Error(`application ${row.applicationId} of a readable contract is not readable`);
    return application;
  },
  group: (row, _, ctx) => groupOf(ctx, row.groupId),
  programme: (row, _, ctx) => programmeOf(ctx, row.groupId),
  organization: (row) => ({ id: row.organizationId }),
  child: (row) => ({ id: row.childId }),
  paymentMethodName: (row) => PAYMENT_METHOD_NAMES[row.paymentMethod],
  certificateCode: (row, _, ctx) =>
    row.certificateId ? enrolmentLoaders(ctx).certificateCode.load(row.certificateId) : null,
  active: (row) => row.endedOn === null,
  reservedAmount: (row, _, ctx) => certificateMoney(row, ctx, 'reserved'),
  chargedAmount: (row, _, ctx) => certificateMoney(row, ctx, 'charged'),
  remainingReserve: (row, _, ctx) => certificateMoney(row, ctx, 'remaining'),
} satisfies ExtraContractResolvers;
