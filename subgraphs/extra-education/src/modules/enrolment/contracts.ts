/**
 * Contracts (issue 11; DOMAIN.md rules 19a, 20): conclusion on an accepted application, the end (expulsion)
 * and the monthly charge, with the certificate's money and the movement-book message in the same
 * transaction. Lock order as in `service.ts`: application (or contract) → programme → group → certificate.
 */
import type { Executor } from '@region/db';
import { badInput, conflict, forbidden, notFound, regionToday } from '@region/kit';
import { PAYMENT_METHOD_NAMES, type PaymentMethod } from '@region/schema';
import type { ExtraEducationContext } from '../../context.ts';
import type { GroupRow, ProgrammeRow } from '../catalogue/repository.ts';
import { refreshCertificateStatus } from '../certificates/repository.ts';
import {
  appendEntries,
  contractReserves,
  covers,
  lockCertificate,
  moneyIn,
  periodOn,
  type FundingPeriodRow,
} from '../ledger/repository.ts';
import type { MovementPayload } from '../../outbox/table.ts';
import {
  certificateContractsStudying,
  contractsToReserveIn,
  lockActiveContracts,
  certificateOfChild,
  changeStatus,
  endContractRow,
  enqueue,
  enqueueLink,
  insertContract,
  lockContract,
  moneyOps,
  moneySum,
  type ContractRow,
} from './repository.ts';
import { endedContractLink, openLink } from './people-links.ts';
import { monthBounds, monthsTouched, reserveWindow } from './reserve.ts';
import { enrolmentLoaders } from './loaders.ts';
import { groupWithProgramme, managedApplication, reasonOf } from './service.ts';

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
    // Open already since the application; told again for an application made before people kept links.
    await enqueueLink(tx, openLink(contract, ctx.now()));
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
      // Every period's remaining reserve goes back (the current one and any later period already credited).
      for (const reserve of await contractReserves(tx, id)) {
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
    await enqueueLink(tx, endedContractLink(ended, on, ctx.now()));
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
    // The month is paid from the reserve of the funding period it falls in (periods are whole months).
    const period = await periodOn(tx, bounds.start);
    if (!period) return { month, charged: 0, amount: '0.00' };
    const studying = await certificateContractsStudying(tx, bounds.start, bounds.end);
    const amounts: string[] = [];
    let lockedCertificate: string | null = null;
    for (const contract of studying) {
      if (contract.certificateId !== lockedCertificate) {
        await lockCertificate(tx, contract.certificateId);
        lockedCertificate = contract.certificateId;
      }
      const reserve = (await contractReserves(tx, contract.id)).find((entry) => entry.periodId === period.id);
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

/**
 * The months of active certificate contracts that fall in a newly credited period (rule 19a; «Reserve
 * beyond the current period» in docs/architecture.md): run in the crediting's transaction, after the credit.
 * Each contract with days of its group in the period and no RESERVE there yet reserves price × the months
 * touched (`reserveWindow`, as at conclusion). A certificate that cannot cover it reserves what is available
 * (never more: the reserve may not exceed the balance) and the contract is reported short — the organization
 * and the family settle the rest (another payment method or the contract's end); nothing is refused, since the
 * child is already studying. Contracts are locked first (contract → certificate, the module's lock order), in
 * certificate order; a repeated run finds the RESERVE and does nothing.
 */
export async function reserveFollowingMonths(
  tx: Executor,
  period: FundingPeriodRow,
  createdBy: string | null,
): Promise<{ reserved: number; short: string[] }> {
  const found = await contractsToReserveIn(tx, period);
  const active = await lockActiveContracts(
    tx,
    found.map((contract) => contract.id),
  );
  const candidates = found.filter((contract) => active.has(contract.id));
  let reserved = 0;
  const short: string[] = [];
  let lockedCertificate: string | null = null;
  for (const contract of candidates) {
    const window = reserveWindow(contract, contract.concludedOn, period);
    if (!window) continue;
    if (contract.certificateId !== lockedCertificate) {
      await lockCertificate(tx, contract.certificateId);
      lockedCertificate = contract.certificateId;
    }
    const { product: needed } = await moneyOps(tx, contract.pricePerMonth, '0', monthsTouched(window));
    const money = (await moneyIn(tx, period.id, [contract.certificateId])).get(contract.certificateId)!;
    const { least: amount, positive } = await moneyOps(tx, needed, money.available, 0);
    if (positive) {
      await appendEntries(tx, [
        {
          certificateId: contract.certificateId,
          kind: 'RESERVE',
          amount,
          periodId: period.id,
          contractId: contract.id,
          createdBy,
        },
      ]);
      reserved += 1;
    }
    if (!(await covers(tx, money.available, needed))) short.push(contract.id);
  }
  return { reserved, short };
}
