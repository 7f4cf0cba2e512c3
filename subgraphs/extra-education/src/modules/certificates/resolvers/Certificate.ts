import { regionToday } from '@region/kit';
import { CERTIFICATE_STATUS_NAMES } from '@region/schema';
import type { ExtraEducationContext } from '../../../context.ts';
import type {
  CertificateLedgerEntryResolvers,
  CertificateResolvers,
  CertificateStatusChangeResolvers,
  PersonResolvers,
} from '../../../generated/resolvers.ts';
import type { CertificateStatus, CertificateWithConsent, LedgerEntryRow } from '../repository.ts';

const LEDGER_KIND_NAMES: Readonly<Record<LedgerEntryRow['kind'], string>> = {
  CREDIT: 'Зачисление',
  RESERVE: 'Резерв по договору',
  CHARGE: 'Списание за месяц',
  RELEASE: 'Возврат резерва',
};

/** Rule 5: the code identifies the child; without the child's consent it is not shown. */
const consents = (row: CertificateWithConsent) => row.childConsent?.granted === true;

async function statusOf(ctx: ExtraEducationContext, certificateId: string): Promise<CertificateStatus> {
  const changes = await ctx.loaders.certificateStatusChanges.load(certificateId);
  return changes.at(-1)?.status ?? 'FROZEN';
}

export const Certificate = {
  __resolveReference: async (ref: { id: string } & Partial<CertificateWithConsent>, ctx) => {
    const row = await ctx.loaders.certificate.load(ref.id);
    return row && { ...row, childConsent: ref.childConsent };
  },
  child: (row) => ({ id: row.personId }),
  childConsent: (row) => ({ personId: row.personId }),
  code: (row) => (consents(row) ? row.code : null),
  depersonalized: (row) => !consents(row),
  municipality: (row) => ({ id: row.municipalityId }),
  status: (row, _, ctx) => statusOf(ctx, row.id),
  statusName: async (row, _, ctx) => CERTIFICATE_STATUS_NAMES[await statusOf(ctx, row.id)],
  statusHistory: (row, _, ctx) => ctx.loaders.certificateStatusChanges.load(row.id),
  money: async (row, _, ctx) => {
    const period = await ctx.loaders.fundingPeriodOn.load(regionToday(ctx.now));
    if (!period) return null;
    return { ...(await ctx.loaders.certificateMoney.load(`${period.id}:${row.id}`)), period };
  },
  ledger: (row, _, ctx) => ctx.loaders.certificateLedger.load(row.id),
} satisfies CertificateResolvers;

export const CertificateStatusChange = {
  statusName: (row) => CERTIFICATE_STATUS_NAMES[row.status],
} satisfies CertificateStatusChangeResolvers;

export const CertificateLedgerEntry = {
  kindName: (row) => LEDGER_KIND_NAMES[row.kind],
  period: async (row, _, ctx) => {
    const period = await ctx.loaders.fundingPeriod.load(row.periodId);
    if (!period) throw new Error(`funding period ${row.periodId} of a ledger entry is missing`);
    return period;
  },
} satisfies CertificateLedgerEntryResolvers;

export const Person = {
  extraCertificate: (person, _, ctx) => ctx.loaders.certificateOfChild.load(person.id),
} satisfies PersonResolvers;
