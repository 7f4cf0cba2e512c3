import { isValidInn } from '@region/schema';
import type { PeopleContext } from '../../../context.ts';
import type { MunicipalityRow, OrganizationRow } from '../repository.ts';

export const Organization = {
  __resolveReference: (ref: { id: string }, ctx: PeopleContext) => ctx.loaders.organization.load(ref.id),
  innValid: (row: OrganizationRow) => isValidInn(row.inn),
  municipality: (row: OrganizationRow, _: unknown, ctx: PeopleContext) =>
    ctx.loaders.municipality.load(row.municipalityId),
};

export const Municipality = {
  __resolveReference: (ref: { id: string }, ctx: PeopleContext): Promise<MunicipalityRow | null> =>
    ctx.loaders.municipality.load(ref.id),
};
