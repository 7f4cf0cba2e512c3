/**
 * An organization's admin manages its programmes and groups (`extra:manage` over the organization, issue 11).
 * Each mutation is one transaction; the programme row is locked first, so a concurrent publish and update
 * of one programme never interleave.
 *
 * Refusals: a programme of another organization that the public may see (published, archived) is
 * `FORBIDDEN` — its existence is no secret; a draft of another organization answers `NOT_FOUND`, exactly as
 * a programme that does not exist (`foundInScope`'s rule).
 */
import { AppError, badInput, conflict, forbidden, notFound } from '@region/kit';
import type { PaymentMethod } from '@region/schema';
import type { ExtraEducationContext } from '../../context.ts';
import {
  countGroups,
  insertGroup,
  insertProgramme,
  lockGroup,
  lockProgramme,
  placesTaken,
  updateGroupRow,
  updateProgrammeRow,
  type GroupRow,
  type ProgrammeRow,
} from './repository.ts';
import { validGroup, validProgramme, type ProgrammeFields } from './validation.ts';
import type { Executor } from '@region/db';

type Direction = ProgrammeRow['direction'];

export interface ProgrammeInput {
  name?: string | null;
  description?: string | null;
  direction?: Direction | null;
  ageFrom?: number | null;
  ageTo?: number | null;
  durationMonths?: number | null;
  hours?: number | null;
  pricePerMonth?: string | null;
  funding?: readonly PaymentMethod[] | null;
}

export interface GroupInput {
  name?: string | null;
  teacherId?: string | null;
  schedule?: string | null;
  capacity?: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

const NOT_A_MANAGER = 'Управлять программами может только администратор организации, которой принадлежит программа.';

/** The programme, locked, if the principal manages it; otherwise the refusal the header describes. */
async function managedProgramme(ctx: ExtraEducationContext, tx: Executor, id: string): Promise<ProgrammeRow> {
  const row = await lockProgramme(tx, id);
  if (!row) throw notFound('Программа');
  if (!ctx.policy.manages(row.organizationId)) {
    if (row.status === 'DRAFT') throw notFound('Программа');
    throw forbidden(NOT_A_MANAGER);
  }
  return row;
}

/** Rule 20: only a «Участник ПФДО» organization may take certificates. */
function checkCertificateFunding(funding: readonly PaymentMethod[], pfdoParticipant: boolean): void {
  if (funding.includes('CERTIFICATE') && !pfdoParticipant)
    throw badInput(
      'Организация не является участником ПФДО: обучение по сертификату недоступно. Уберите способ оплаты «по сертификату».',
      'input.funding',
    );
}

async function organizationFor(ctx: ExtraEducationContext, organizationId: string) {
  const organization = await ctx.organizationOf(organizationId);
  if (!organization) throw notFound('Организация');
  return organization;
}

export async function createProgramme(
  ctx: ExtraEducationContext,
  input: ProgrammeInput & { organizationId: string; direction: Direction },
): Promise<ProgrammeRow> {
  if (!ctx.policy.manages(input.organizationId)) throw forbidden(NOT_A_MANAGER);
  const fields = validProgramme({
    name: input.name ?? '',
    description: input.description ?? '',
    ageFrom: input.ageFrom ?? -1,
    ageTo: input.ageTo ?? -1,
    durationMonths: input.durationMonths ?? 0,
    hours: input.hours ?? 0,
    pricePerMonth: input.pricePerMonth ?? '0',
    funding: [...(input.funding ?? [])],
  });
  // The municipality and address are people's: copied now, so the catalogue filters in one statement.
  const organization = await organizationFor(ctx, input.organizationId);
  checkCertificateFunding(fields.funding, organization.pfdoParticipant);
  return ctx.db.transaction((tx) =>
    insertProgramme(tx, {
      ...fields,
      organizationId: organization.id,
      direction: input.direction,
      municipalityId: organization.municipalityId,
      address: organization.address,
    }),
  );
}

export async function updateProgramme(ctx: ExtraEducationContext, id: string, input: ProgrammeInput) {
  // People is asked before the transaction, so no row stays locked while it answers.
  const current = input.funding?.includes('CERTIFICATE') ? await ctx.loaders.programme.load(id) : null;
  const organization = current ? await organizationFor(ctx, current.organizationId) : null;
  return ctx.db.transaction(async (tx) => {
    const row = await managedProgramme(ctx, tx, id);
    if (row.status === 'ARCHIVED')
      throw conflict('Программа в архиве: её нельзя изменить. Опубликуйте её снова, чтобы изменить.');
    const merged: ProgrammeFields = validProgramme({
      name: input.name ?? row.name,
      description: input.description ?? row.description,
      ageFrom: input.ageFrom ?? row.ageFrom,
      ageTo: input.ageTo ?? row.ageTo,
      durationMonths: input.durationMonths ?? row.durationMonths,
      hours: input.hours ?? row.hours,
      pricePerMonth: input.pricePerMonth ?? row.pricePerMonth,
      funding: [...(input.funding ?? row.funding)],
    });
    if (organization) checkCertificateFunding(merged.funding, organization.pfdoParticipant);
    return updateProgrammeRow(tx, id, { ...merged, direction: input.direction ?? row.direction });
  });
}

export function publishProgramme(ctx: ExtraEducationContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await managedProgramme(ctx, tx, id);
    if (row.status === 'PUBLISHED') return row;
    if ((await countGroups(tx, id)) === 0)
      throw conflict('Добавьте программе хотя бы одну группу, прежде чем публиковать её в каталоге.');
    return updateProgrammeRow(tx, id, { status: 'PUBLISHED', publishedAt: ctx.now() });
  });
}

export function archiveProgramme(ctx: ExtraEducationContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await managedProgramme(ctx, tx, id);
    if (row.status === 'ARCHIVED') return row;
    return updateProgrammeRow(tx, id, { status: 'ARCHIVED' });
  });
}

export function createGroup(
  ctx: ExtraEducationContext,
  input: GroupInput & { programmeId: string },
): Promise<GroupRow> {
  return ctx.db.transaction(async (tx) => {
    const programme = await managedProgramme(ctx, tx, input.programmeId);
    if (programme.status === 'ARCHIVED') throw conflict('Программа в архиве: новые группы в неё не набираются.');
    const fields = validGroup({
      name: input.name ?? '',
      schedule: input.schedule ?? '',
      capacity: input.capacity ?? 0,
      startsOn: input.startsOn ?? '',
      endsOn: input.endsOn ?? '',
    });
    return insertGroup(tx, { ...fields, programmeId: programme.id, teacherId: input.teacherId ?? null });
  });
}

export function updateGroup(ctx: ExtraEducationContext, id: string, input: GroupInput): Promise<GroupRow> {
  return ctx.db.transaction(async (tx) => {
    const group = await lockGroup(tx, id);
    if (!group) throw notFound('Группа');
    const programme = await managedProgramme(ctx, tx, group.programmeId).catch((error: unknown) => {
      // A group of a draft of another organization is as unknown as its programme.
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Группа');
      throw error;
    });
    if (programme.status === 'ARCHIVED') throw conflict('Программа в архиве: её группы нельзя изменить.');
    const fields = validGroup({
      name: input.name ?? group.name,
      schedule: input.schedule ?? group.schedule,
      capacity: input.capacity ?? group.capacity,
      startsOn: input.startsOn ?? group.startsOn,
      endsOn: input.endsOn ?? group.endsOn,
    });
    const taken = await placesTaken(tx, id);
    if (fields.capacity < taken)
      throw badInput(`Вместимость не может быть меньше занятых мест (${taken}).`, 'input.capacity');
    // teacherId: left out keeps the teacher, null removes them (an omitted nullable input is null elsewhere,
    // but here "not given" must not silently unassign the teacher).
    const teacherId = input.teacherId === undefined ? group.teacherId : input.teacherId;
    return updateGroupRow(tx, id, { ...fields, teacherId });
  });
}
