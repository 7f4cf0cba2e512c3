/**
 * Applications to groups and the organization's decisions (issue 11; DOMAIN.md rules 19a, 20); contracts are in
 * `contracts.ts`.
 * Each mutation is one transaction. Lock order, the same everywhere: application (or contract) → group →
 * certificate, so two writers never wait on each other in opposite orders.
 *
 * Refusals: a row the principal may not read answers `NOT_FOUND` (its existence is not revealed); a row it
 * may read but not change (a guardian deciding, an organization's admin withdrawing) answers `FORBIDDEN`.
 */
import { AppError, badInput, conflict, forbidden, isUniqueViolation, notFound, ageOn, regionToday } from '@region/kit';
import { PAYMENT_METHOD_NAMES, type PaymentMethod } from '@region/schema';
import type { Executor } from '@region/db';
import type { ExtraEducationContext } from '../../context.ts';
import { lockGroup, lockProgramme, placesTaken, type GroupRow, type ProgrammeRow } from '../catalogue/repository.ts';
import { closedLink, openLink } from './people-links.ts';
import {
  changeStatus,
  enqueueLink,
  insertApplication,
  lockApplication,
  openApplication,
  programmeIdOfGroup,
  recordStatus,
  type ApplicationRow,
} from './repository.ts';
import { enrolmentLoaders } from './loaders.ts';

const peopleUnavailable = () =>
  new AppError(
    'SUBGRAPH_UNAVAILABLE',
    'Реестр обучающихся сейчас не отвечает: заявление не удалось подать. Повторите позже.',
    { service: 'people' },
  );

/** Applying for oneself: from 14 (issue 11; the age of the own ESIA account and of consent, rule 6). */
const SELF_APPLY_AGE = 14;
const REASON_MAX = 1000;

export interface ApplyInput {
  groupId: string;
  childId: string;
  paymentMethod?: PaymentMethod | null;
}

/** The group and its programme, locked (the programme first, as the catalogue locks them). */
export async function groupWithProgramme(
  tx: Executor,
  groupId: string,
): Promise<{ group: GroupRow; programme: ProgrammeRow } | null> {
  // The programme id is read unlocked to lock in the catalogue's order (programme → group).
  const programmeId = await programmeIdOfGroup(tx, groupId);
  if (!programmeId) return null;
  const programme = await lockProgramme(tx, programmeId);
  const group = await lockGroup(tx, groupId);
  return programme && group ? { group, programme } : null;
}

export function reasonOf(reason: string | null | undefined, field: string, what: string): string {
  const text = reason?.trim() ?? '';
  if (!text) throw badInput(`Укажите ${what}.`, field);
  if (text.length > REASON_MAX) throw badInput(`Причина: не длиннее ${REASON_MAX} символов.`, field);
  return text;
}

/** An application as the link people keeps names it. */
const linkedOf = (row: ApplicationRow) => ({
  applicationId: row.id,
  childId: row.childId,
  organizationId: row.organizationId,
});

/**
 * A new application (SUBMITTED) from the cabinet — a guardian for a linked child, or the child of 14+ for
 * themself — or registered in person by the organization's admin. The programme must be published, the
 * group not ended, the child's age (region's today, birth date from people) within the programme's range,
 * and the child must have no open application to the group (`CONFLICT`).
 */
export async function applyToGroup(
  ctx: ExtraEducationContext,
  input: ApplyInput,
  source: 'CABINET' | 'IN_PERSON',
): Promise<ApplicationRow> {
  const today = regionToday(ctx.now);
  const who = source === 'CABINET' ? ctx.policy.appliesToGroupAs(input.childId) : null;
  if (source === 'CABINET' && !who) throw forbidden('Подать заявление можно за своего ребёнка или за себя (с 14 лет).');
  const group = await ctx.loaders.group.load(input.groupId);
  const programme = group ? await ctx.loaders.programme.load(group.programmeId) : null;
  if (!group || !programme) throw notFound('Группа');
  if (source === 'IN_PERSON' && !ctx.policy.manages(programme.organizationId))
    throw forbidden('Зарегистрировать заявление может только администратор организации, которой принадлежит группа.');
  if (input.paymentMethod && !programme.funding.includes(input.paymentMethod))
    throw badInput(
      `Программа не предусматривает оплату «${PAYMENT_METHOD_NAMES[input.paymentMethod]}».`,
      'input.paymentMethod',
    );
  // People is asked before the transaction, so no row stays locked while it answers. The same lookup as a
  // certificate's (people's row scope and consent masking: a guardian reads a linked child's birth date, a
  // student their own); no answer is an error, never a guess.
  const child = await ctx.people.child(input.childId, peopleUnavailable);
  const birthDate = child?.birthDate ?? null;
  if (birthDate) {
    const age = ageOn(birthDate, today);
    if (who === 'SELF' && age < SELF_APPLY_AGE)
      throw forbidden(
        `Подать заявление самостоятельно можно с ${SELF_APPLY_AGE} лет. Заявление подаёт законный представитель.`,
      );
    if (age < programme.ageFrom || age > programme.ageTo)
      throw conflict(`Программа для детей от ${programme.ageFrom} до ${programme.ageTo} лет; ребёнку сейчас ${age}.`, {
        field: 'input.childId',
      });
  } else if (source === 'CABINET') {
    // In person the organization sees the birth certificate; from the cabinet the age must be known.
    throw conflict(
      'В карточке ребёнка нет даты рождения: возраст для программы не проверить. Обратитесь в организацию.',
    );
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await groupWithProgramme(tx, input.groupId);
      if (!locked) throw notFound('Группа');
      if (locked.programme.status !== 'PUBLISHED')
        throw conflict('Программа не опубликована в каталоге: заявления на неё не принимаются.');
      if (locked.group.endsOn < today) throw conflict('Занятия группы уже закончились: выберите другую группу.');
      if (await openApplication(tx, input.groupId, input.childId))
        throw conflict('У ребёнка уже есть заявление в эту группу, которое ещё не закрыто.');
      const row = await insertApplication(tx, {
        groupId: input.groupId,
        organizationId: locked.programme.organizationId,
        childId: input.childId,
        applicantId: ctx.policy.personId,
        source,
        paymentMethod: input.paymentMethod ?? null,
        status: 'SUBMITTED',
      });
      await recordStatus(tx, {
        applicationId: row.id,
        fromStatus: null,
        toStatus: 'SUBMITTED',
        reason: source === 'IN_PERSON' ? 'Заявление подано лично в организации' : null,
        changedBy: ctx.policy.personId,
      });
      await enqueueLink(tx, openLink(linkedOf(row), ctx.now()));
      return row;
    });
  } catch (error) {
    // Two submissions at once: the partial unique index `applications_open_key` lets one through.
    if (isUniqueViolation(error)) throw conflict('У ребёнка уже есть заявление в эту группу, которое ещё не закрыто.');
    throw error;
  }
}

/** The application, locked, if the principal manages its organization; else NOT_FOUND or FORBIDDEN. */
export async function managedApplication(
  ctx: ExtraEducationContext,
  tx: Executor,
  id: string,
): Promise<ApplicationRow> {
  const row = await lockApplication(tx, id);
  if (!row) throw notFound('Заявление');
  if (!ctx.policy.manages(row.organizationId)) {
    if (!(await enrolmentLoaders(ctx).application.load(id))) throw notFound('Заявление');
    throw forbidden('Решение по заявлению принимает администратор организации, в которую оно подано.');
  }
  return row;
}

/**
 * The organization's decision on a SUBMITTED application: a refusal needs a reason; an acceptance needs a
 * free place by the catalogue's definition (capacity − active contracts − accepted applications), counted
 * with the group row locked, as `updateGroup` counts it, so two acceptances cannot take the last place.
 */
export async function decideApplication(
  ctx: ExtraEducationContext,
  id: string,
  accept: boolean,
  reason: string | null | undefined,
): Promise<ApplicationRow> {
  const refusal = accept ? null : reasonOf(reason, 'reason', 'причину отказа');
  return ctx.db.transaction(async (tx) => {
    const row = await managedApplication(ctx, tx, id);
    if (row.status !== 'SUBMITTED')
      throw conflict('Решение по заявлению уже принято (или оно отозвано).', { status: row.status });
    if (refusal !== null) {
      await enqueueLink(tx, closedLink(linkedOf(row), regionToday(ctx.now), ctx.now()));
      return changeStatus(tx, row, {
        status: 'REFUSED',
        reason: refusal,
        refusalReason: refusal,
        changedBy: ctx.policy.personId,
      });
    }
    const group = await lockGroup(tx, row.groupId);
    if (!group) throw notFound('Группа');
    if ((await placesTaken(tx, group.id)) >= group.capacity)
      throw conflict('В группе нет свободных мест: заявление нельзя принять.', { capacity: group.capacity });
    return changeStatus(tx, row, {
      status: 'ACCEPTED',
      reason: reason?.trim() || null,
      changedBy: ctx.policy.personId,
    });
  });
}

/** The applicant (a guardian of the child, or the child) withdraws a SUBMITTED or ACCEPTED application. */
export async function withdrawApplication(ctx: ExtraEducationContext, id: string): Promise<ApplicationRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockApplication(tx, id);
    if (!row || !(await enrolmentLoaders(ctx).application.load(id))) throw notFound('Заявление');
    if (!ctx.policy.appliesToGroupAs(row.childId))
      throw forbidden('Отозвать заявление может только заявитель: законный представитель ребёнка или сам ребёнок.');
    if (row.status !== 'SUBMITTED' && row.status !== 'ACCEPTED')
      throw conflict('Заявление уже закрыто: отозвать его нельзя.', { status: row.status });
    await enqueueLink(tx, closedLink(linkedOf(row), regionToday(ctx.now), ctx.now()));
    return changeStatus(tx, row, {
      status: 'WITHDRAWN',
      reason: 'Отозвано заявителем',
      changedBy: ctx.policy.personId,
    });
  });
}
