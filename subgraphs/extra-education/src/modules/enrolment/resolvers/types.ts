import { EXTRA_APPLICATION_STATUS_NAMES, PAYMENT_METHOD_NAMES } from '@region/schema';
import type { ExtraEducationContext } from '../../../context.ts';
import type {
  ExtraApplicationResolvers,
  ExtraApplicationStatusChangeResolvers,
  ExtraContractResolvers,
  PersonResolvers,
} from '../../../generated/resolvers.ts';
import { enrolmentLoaders } from '../loaders.ts';
import type { ConsentRequirement } from '../repository.ts';

/**
 * Rule 5: the free text an organization writes about a child (a refusal's or an end's reason, the reasons in
 * the history) may name the child or the family, so it is shown only while the child consents to processing
 * — the consent people owns, handed over by the gateway through `@requires` (`childConsent { granted }`), as
 * admissions and the movement book do. No answer is no consent (fails closed); the row stays countable.
 */
const consents = (row: { childConsent?: ConsentRequirement }) => row.childConsent?.granted === true;

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
  // The consent `@requires` brought arrives with the representation: keep it beside the row.
  __resolveReference: async (ref: { id: string; childConsent?: ConsentRequirement }, ctx) => {
    const row = await enrolmentLoaders(ctx).application.load(ref.id);
    return row && { ...row, childConsent: ref.childConsent };
  },
  group: (row, _, ctx) => groupOf(ctx, row.groupId),
  programme: (row, _, ctx) => programmeOf(ctx, row.groupId),
  organization: (row) => ({ id: row.organizationId }),
  child: (row) => ({ id: row.childId }),
  applicant: (row) => (row.applicantId ? { id: row.applicantId } : null),
  childConsent: (row) => ({ personId: row.childId }),
  refusalReason: (row) => (consents(row) ? row.refusalReason : null),
  statusName: (row) => EXTRA_APPLICATION_STATUS_NAMES[row.status],
  paymentMethodName: (row) => (row.paymentMethod ? PAYMENT_METHOD_NAMES[row.paymentMethod] : null),
  history: async (row, _, ctx) => {
    const history = await enrolmentLoaders(ctx).history.load(row.id);
    return consents(row) ? history : history.map((change) => ({ ...change, reason: null }));
  },
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
  __resolveReference: async (ref: { id: string; childConsent?: ConsentRequirement }, ctx) => {
    const row = await enrolmentLoaders(ctx).contract.load(ref.id);
    return row && { ...row, childConsent: ref.childConsent };
  },
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
  childConsent: (row) => ({ personId: row.childId }),
  endReason: (row) => (consents(row) ? row.endReason : null),
  active: (row) => row.endedOn === null,
  reservedAmount: (row, _, ctx) => certificateMoney(row, ctx, 'reserved'),
  chargedAmount: (row, _, ctx) => certificateMoney(row, ctx, 'charged'),
  remainingReserve: (row, _, ctx) => certificateMoney(row, ctx, 'remaining'),
} satisfies ExtraContractResolvers;
