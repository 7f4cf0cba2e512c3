import { connection, decodeCursor, encodeCursor, forbidden, foundInScope, pageSize } from '@region/kit';
import type { QueryResolvers } from '../../../generated/resolvers.ts';
import { countCertificates, listCertificates } from '../repository.ts';

const isCursor = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');

export const Query = {
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
} satisfies QueryResolvers;
