import DataLoader from 'dataloader';
import {
  connection,
  decodeCursor,
  encodeCursor,
  forbidden,
  foundInScope,
  loadTypeDefs,
  pageSize,
  regionToday,
  type SubgraphModule,
} from '@region/kit';
import { CERTIFICATE_STATUS_NAMES } from '@region/schema';
import type { ExtraEducationContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { moneyIn, periodOn } from '../ledger/repository.ts';
import {
  countCertificates,
  listCertificates,
  type CertificateStatus,
  type CertificateWithConsent,
  type LedgerEntryRow,
} from './repository.ts';
import { issueCertificate, receiveEpguCertificate } from './service.ts';
import type { CertificateMoneyView } from './types.ts';

const LEDGER_KIND_NAMES: Readonly<Record<LedgerEntryRow['kind'], string>> = {
  CREDIT: 'Зачисление',
  RESERVE: 'Резерв по договору',
  CHARGE: 'Списание за месяц',
  RELEASE: 'Возврат резерва',
};

const isCursor = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');

/** Rule 5: the code identifies the child; without the child's consent it is not shown. */
const consents = (row: CertificateWithConsent) => row.childConsent?.granted === true;

async function statusOf(ctx: ExtraEducationContext, certificateId: string): Promise<CertificateStatus> {
  const changes = await ctx.loaders.certificateStatusChanges.load(certificateId);
  return changes.at(-1)?.status ?? 'FROZEN';
}

/** Money of the certificates asked in one request: the current period found once, the sums in one statement. */
const moneyLoaders = new WeakMap<ExtraEducationContext, DataLoader<string, CertificateMoneyView | null>>();
function moneyLoader(ctx: ExtraEducationContext) {
  let loader = moneyLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const period = await periodOn(ctx.db, regionToday(ctx.now));
      if (!period) return ids.map(() => null);
      const money = await moneyIn(ctx.db, period.id, ids);
      return ids.map((id) => ({ ...money.get(id)!, period }));
    });
    moneyLoaders.set(ctx, loader);
  }
  return loader;
}

/** ПФДО certificates (issue 11, rule 19): issue from the cabinet, ЕПГУ intake, status history, money. */
export const certificatesModule: SubgraphModule<ExtraEducationContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      certificate: (_, args, ctx) => foundInScope(ctx.loaders.certificate.load(args.id), 'Сертификат'),
      certificates: async (_, args, ctx) => {
        const first = pageSize(args.first);
        const filter = { municipalityId: args.filter?.municipalityId, status: args.filter?.status };
        if (filter.municipalityId && !ctx.policy.readsMunicipality(filter.municipalityId))
          throw forbidden('Сертификаты этого муниципалитета вам недоступны.');
        const rows = await listCertificates(ctx.db, ctx.policy, filter, {
          first,
          after: decodeCursor(args.after, isCursor),
        });
        for (const row of rows) ctx.loaders.certificate.prime(row.id, row);
        return {
          ...connection(rows, first, (row) => encodeCursor([row.issuedOn, row.id])),
          totalCount: () => countCertificates(ctx.db, ctx.policy, filter),
        };
      },
    },
    Mutation: {
      issueCertificate: (_, args, ctx) => issueCertificate(ctx, args.childId),
      receiveEpguCertificate: (_, args, ctx) => receiveEpguCertificate(ctx, args.input),
    },
    Certificate: {
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
      money: (row, _, ctx) => moneyLoader(ctx).load(row.id),
      ledger: (row, _, ctx) => ctx.loaders.certificateLedger.load(row.id),
    },
    CertificateStatusChange: {
      statusName: (row) => CERTIFICATE_STATUS_NAMES[row.status],
    },
    CertificateLedgerEntry: {
      kindName: (row) => LEDGER_KIND_NAMES[row.kind],
      period: async (row, _, ctx) => {
        const period = await ctx.loaders.fundingPeriod.load(row.periodId);
        if (!period) throw new Error(`funding period ${row.periodId} of a ledger entry is missing`);
        return period;
      },
    },
    Person: {
      extraCertificate: (person, _, ctx) => ctx.loaders.certificateOfChild.load(person.id),
    },
  } satisfies Resolvers,
};
