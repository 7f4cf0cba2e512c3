/**
 * Applications to groups, the organization's decisions and contracts (issue 11; DOMAIN.md rules 19a, 20).
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
import { refreshCertificateStatus } from '../certificates/repository.ts';
import { appendEntries, contractReserve, covers, lockCertificate, moneyIn, periodOn } from '../ledger/repository.ts';
import type { MovementPayload } from '../../outbox/table.ts';
import {
  certificateContractsStudying,
  certificateOfChild,
  changeStatus,
  endContractRow,
  enqueue,
  insertApplication,
  insertContract,
  lockApplication,
  lockContract,
  moneyOps,
  moneySum,
  openApplication,
  programmeIdOfGroup,
  recordStatus,
  type ApplicationRow,
  type ContractRow,
} from './repository.ts';
import { monthBounds, monthsTouched, reserveWindow } from './reserve.ts';
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
async function groupWithProgramme(
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

function reasonOf(reason: string | null | undefined, field: string, what: string): string {
  const text = reason?.trim() ?? '';
  if (!text) throw badInput(`Укажите ${what}.`, field);
  if (text.length > REASON_MAX) throw badInput(`Причина: не длиннее ${REASON_MAX} символов.`, field);
  return text;
}

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
      return row;
    });
  } catch (error) {
    // Two submissions at once: the partial unique index `applications_open_key` lets one through.
    if (isUniqueViolation(error)) throw conflict('У ребёнка уже есть заявление в эту группу, которое ещё не закрыто.');
    throw error;
  }
}

/** The application, locked, if the principal manages its organization; else NOT_FOUND or FORBIDDEN. */
async function managedApplication(ctx: ExtraEducationContext, tx: Executor, id: string): Promise<ApplicationRow> {
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
    if (refusal !== null)
      return changeStatus(tx, row, {
        status: 'REFUSED',
        reason: refusal,
        refusalReason: refusal,
        changedBy: ctx.policy.personId,
      });
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
    return changeStatus(tx, row, {
      status: 'WITHDRAWN',
      reason: 'Отозвано заявителем',
      changedBy: ctx.policy.personId,
    });
  });
}

function movement(
  contract: ContractRow,
  group: GroupRow,
  programme: ProgrammeRow,
  kind: 'ENROL' | 'EXPEL',
  on: string,
  reason: string,
): MovementPayload {
  return {
    key: `extra-contract:${contract.id}:${kind}`,
    kind,
    childId: contract.childId,
    organizationId: contract.organizationId,
    groupId: contract.groupId,
    groupName: `${programme.name} — ${group.name}`.slice(0, 200),
    paymentMethod: contract.paymentMethod,
    // The contract is the order of an extra-education enrolment (no separate order is issued).
    orderNumber: `Договор ${contract.id}`,
    orderDate: contract.concludedOn,
    effectiveOn: on,
    reason,
  };
}

const NOT_PFDO =
  'Организация не является участником ПФДО: договор по сертификату заключить нельзя (правило 20). Выберите другой способ оплаты.';

/**
 * A contract on an ACCEPTED application (rule 20). The payment method must be one of the programme's. By
 * certificate: only at a «Участник ПФДО» organization (people's registry, asked with the request's token),
 * the child must hold a certificate, funds must be credited in the current funding period, and the reserve
 * (`reserve.ts`) must not exceed what is available; the RESERVE entry, the certificate's status (→ ACTUAL),
 * the application (→ ENROLLED) and the movement-book message are written in this one transaction.
 */
export async function concludeContract(
  ctx: ExtraEducationContext,
  applicationId: string,
  paymentMethod: PaymentMethod,
): Promise<ContractRow> {
  const today = regionToday(ctx.now);
  const seen = await enrolmentLoaders(ctx).application.load(applicationId);
  if (!seen) throw notFound('Заявление');
  if (!ctx.policy.manages(seen.organizationId))
    throw forbidden('Договор заключает администратор организации, в которую подано заявление.');
  if (paymentMethod === 'CERTIFICATE') {
    const organization = await ctx.organizationOf(seen.organizationId);
    if (!organization) throw notFound('Организация');
    if (!organization.pfdoParticipant) throw conflict(NOT_PFDO, { rule: 'PFDO_PARTICIPANT' });
  }
  return ctx.db.transaction(async (tx) => {
    const application = await managedApplication(ctx, tx, applicationId);
    if (application.status !== 'ACCEPTED')
      throw conflict('Договор заключается только по принятому заявлению.', { status: application.status });
    const locked = await groupWithProgramme(tx, application.groupId);
    if (!locked) throw notFound('Группа');
    const { group, programme } = locked;
    if (!programme.funding.includes(paymentMethod))
      throw badInput(`Программа не предусматривает оплату «${PAYMENT_METHOD_NAMES[paymentMethod]}».`, 'paymentMethod');
    if (group.endsOn < today) throw conflict('Занятия группы уже закончились: договор заключить нельзя.');
    let certificateId: string | null = null;
    let reserve: { amount: string; periodId: string } | null = null;
    if (paymentMethod === 'CERTIFICATE') {
      const certificate = await certificateOfChild(tx, application.childId);
      if (!certificate)
        throw conflict('У ребёнка нет сертификата ПФДО: получите его в личном кабинете.', { rule: 'CERTIFICATE' });
      await lockCertificate(tx, certificate.id);
      const period = await periodOn(tx, today);
      const money = period ? (await moneyIn(tx, period.id, [certificate.id])).get(certificate.id) : null;
      if (!period || !money || money.credited === '0.00')
        throw conflict(
          'Средства на сертификат ещё не зачислены: договор по сертификату заключить нельзя (правило 20).',
          {
            rule: 'FUNDS_CREDITED',
          },
        );
      const window = reserveWindow(group, today, period);
      if (!window) throw conflict('Занятия группы не приходятся на текущий период финансирования.');
      const { product } = await moneyOps(tx, programme.pricePerMonth, '0', monthsTouched(window));
      if (!(await covers(tx, money.available, product)))
        throw conflict(`Недостаточно средств на сертификате: доступно ${money.available} ₽, нужно ${product} ₽.`, {
          rule: 'BALANCE',
          available: money.available,
          required: product,
        });
      certificateId = certificate.id;
      reserve = { amount: product, periodId: period.id };
    }
    const contract = await insertContract(tx, {
      applicationId: application.id,
      groupId: group.id,
      organizationId: application.organizationId,
      childId: application.childId,
      paymentMethod,
      certificateId,
      pricePerMonth: programme.pricePerMonth,
      concludedOn: today,
      createdBy: ctx.policy.personId,
    });
    if (certificateId && reserve) {
      if (reserve.amount !== '0.00')
        await appendEntries(tx, [
          {
            certificateId,
            kind: 'RESERVE',
            amount: reserve.amount,
            periodId: reserve.periodId,
            contractId: contract.id,
            createdBy: ctx.policy.personId,
          },
        ]);
      await refreshCertificateStatus(tx, {
        certificateId,
        contractId: contract.id,
        reason: `Зачисление по договору: ${programme.name}`,
        changedBy: ctx.policy.personId,
      });
    }
    const enrolled = await changeStatus(tx, application, {
      status: 'ENROLLED',
      reason: `Договор: ${PAYMENT_METHOD_NAMES[paymentMethod]}`,
      changedBy: ctx.policy.personId,
    });
    // The contract's `application` reads the row as it is now, not as the request first loaded it.
    enrolmentLoaders(ctx).application.clear(application.id).prime(application.id, enrolled);
    await enqueue(tx, contract.id, 'MOVEMENT_REQUESTED', {
      ...movement(contract, group, programme, 'ENROL', today, 'Зачисление по договору'),
    });
    return contract;
  });
}

/**
 * The end of a contract (expulsion): the remaining reserve goes back to the certificate (RELEASE), its
 * status is derived again (→ FROZEN when no other certificate contract is active), and the expulsion goes to
 * the movement book. `endedOn` defaults to the region's today and may not precede the conclusion.
 */
export async function endContract(
  ctx: ExtraEducationContext,
  id: string,
  reason: string,
  endedOn: string | null | undefined,
): Promise<ContractRow> {
  const text = reasonOf(reason, 'reason', 'причину расторжения');
  const on = endedOn ?? regionToday(ctx.now);
  return ctx.db.transaction(async (tx) => {
    const row = await lockContract(tx, id);
    if (!row) throw notFound('Договор');
    if (!ctx.policy.manages(row.organizationId)) {
      if (!(await enrolmentLoaders(ctx).contract.load(id))) throw notFound('Договор');
      throw forbidden('Расторгнуть договор может администратор организации, с которой он заключён.');
    }
    if (row.endedOn) throw conflict('Договор уже расторгнут.', { endedOn: row.endedOn });
    if (on < row.concludedOn) throw badInput(`Дата расторжения раньше даты договора (${row.concludedOn}).`, 'endedOn');
    const locked = await groupWithProgramme(tx, row.groupId);
    if (!locked) throw notFound('Группа');
    const ended = await endContractRow(tx, id, { endedOn: on, endReason: text });
    if (row.certificateId) {
      await lockCertificate(tx, row.certificateId);
      const reserve = await contractReserve(tx, id);
      if (reserve) {
        const { positive } = await moneyOps(tx, reserve.remaining, reserve.remaining, 0);
        if (positive)
          await appendEntries(tx, [
            {
              certificateId: row.certificateId,
              kind: 'RELEASE',
              amount: reserve.remaining,
              periodId: reserve.periodId,
              contractId: id,
              createdBy: ctx.policy.personId,
            },
          ]);
      }
      await refreshCertificateStatus(tx, {
        certificateId: row.certificateId,
        contractId: id,
        reason: `Отчисление: ${text}`,
        changedBy: ctx.policy.personId,
      });
    }
    await enqueue(tx, id, 'MOVEMENT_REQUESTED', {
      ...movement(ended, locked.group, locked.programme, 'EXPEL', on, text),
    });
    return ended;
  });
}

/**
 * The monthly charge (rule 19a): a CHARGE of the month's price for every active certificate contract
 * studying in the month, never more than the contract's remaining reserve; one per contract and month (the
 * ledger's unique index), so a repeated call charges nothing twice. The regional operator (`extra:fund`
 * over the region) runs it.
 */
export async function chargeContracts(
  ctx: ExtraEducationContext,
  month: string,
): Promise<{ month: string; charged: number; amount: string }> {
  if (!ctx.policy.grantsWith('extra:fund').some((grant) => grant.territory.kind === 'REGION'))
    throw forbidden('Списывать оплату с сертификатов может региональный оператор.');
  const bounds = monthBounds(month);
  if (!bounds) throw badInput('Месяц — в виде «ГГГГ-ММ», например «2026-09».', 'month');
  return ctx.db.transaction(async (tx) => {
    const studying = await certificateContractsStudying(tx, bounds.start, bounds.end);
    const amounts: string[] = [];
    let lockedCertificate: string | null = null;
    for (const contract of studying) {
      if (contract.certificateId !== lockedCertificate) {
        await lockCertificate(tx, contract.certificateId);
        lockedCertificate = contract.certificateId;
      }
      const reserve = await contractReserve(tx, contract.id);
      if (!reserve) continue;
      const { least, positive } = await moneyOps(tx, contract.pricePerMonth, reserve.remaining, 0);
      if (!positive) continue;
      const written = await appendEntries(tx, [
        {
          certificateId: contract.certificateId,
          kind: 'CHARGE',
          amount: least,
          periodId: reserve.periodId,
          contractId: contract.id,
          month: bounds.start,
          createdBy: ctx.policy.personId,
        },
      ]);
      if (written > 0) amounts.push(least);
    }
    return { month, charged: amounts.length, amount: await moneySum(tx, amounts) };
  });
}
