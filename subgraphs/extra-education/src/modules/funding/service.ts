/**
 * Funding periods of the regional ПФДО programme and crediting (DOMAIN.md rule 19a). The regional operator
 * (`extra:fund`) sets a period with its norm per certificate; periods never overlap, so a date has one
 * current period (`periodOn`). Crediting gives the norm once per certificate and period (`creditPeriod`, the
 * ledger's unique index): every certificate issued on or before the period's last day that has no credit
 * yet. A certificate issued after a crediting run is credited by the next run, which credits only it.
 */
import { badInput, conflict, forbidden, notFound } from '@region/kit';
import type { ExtraEducationContext } from '../../context.ts';
import { reserveFollowingMonths } from '../enrolment/contracts.ts';
import { creditPeriod, type FundingPeriodRow } from '../ledger/repository.ts';
import { insertFundingPeriod, loadFundingPeriods, lockFundingPeriods, overlappingPeriod } from './repository.ts';
import type { FundingCreditRow } from './types.ts';

/** `2026-09-01` → `01.09.2026`, as a person reads a date. */
const ruDate = (date: string) => date.split('-').reverse().join('.');

const MONEY = /^\d{1,10}([.,]\d{1,2})?$/;

function mayFund(ctx: ExtraEducationContext): void {
  if (!ctx.policy.grantsWith('extra:fund').some((grant) => grant.territory.kind === 'REGION'))
    throw forbidden('Периоды финансирования ПФДО ведёт региональный оператор.');
}

export async function createFundingPeriod(
  ctx: ExtraEducationContext,
  input: { startsOn: string; endsOn: string; normPerCertificate: string },
): Promise<FundingPeriodRow> {
  mayFund(ctx);
  if (input.endsOn < input.startsOn) throw badInput('Конец периода не может быть раньше его начала.', 'endsOn');
  const norm = input.normPerCertificate.trim().replace(',', '.');
  if (!MONEY.test(norm) || Number(norm) <= 0)
    throw badInput(
      'Норматив на сертификат — сумма в рублях больше нуля, например «12000» или «12000.50».',
      'normPerCertificate',
    );
  return ctx.db.transaction(async (tx) => {
    await lockFundingPeriods(tx);
    const overlap = await overlappingPeriod(tx, input.startsOn, input.endsOn);
    if (overlap)
      throw conflict(
        `Период пересекается с уже заданным периодом ${ruDate(overlap.startsOn)} — ${ruDate(overlap.endsOn)}: периоды финансирования не пересекаются.`,
      );
    return insertFundingPeriod(tx, {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      normPerCertificate: norm,
      createdBy: ctx.policy.personId,
    });
  });
}

export async function creditFundingPeriod(ctx: ExtraEducationContext, periodId: string): Promise<FundingCreditRow> {
  mayFund(ctx);
  return ctx.db.transaction(async (tx) => {
    const [period] = await loadFundingPeriods(tx, [periodId]);
    if (!period) throw notFound('Период финансирования');
    const credited = await creditPeriod(tx, period, ctx.policy.personId);
    // With the money in, active contracts reserve the months of their groups that fall in this period.
    const { reserved, short } = await reserveFollowingMonths(tx, period, ctx.policy.personId);
    return { period, credited, reservedContracts: reserved, underfundedContracts: short };
  });
}
