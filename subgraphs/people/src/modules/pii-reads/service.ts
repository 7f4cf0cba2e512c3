/** Who may see whose personal-data access log (issue 14 §4), and the anomaly report's settings. */
import { forbidden, notFound, regionAge, regionToday } from '@region/kit';
import type { PeopleContext } from '../../context.ts';

/** The anomaly rule (docs/architecture.md, «Personal-data access log»): p95 of the role × 3, at least 30. */
export const ANOMALY_RULE = { baselineDays: 28, factor: 3, floor: 30 } as const;

/** The regional operator audits every person's log and sees the anomaly report. */
export function isRegionalOperator(ctx: PeopleContext): boolean {
  return ctx.policy
    .grantsWith('audit:read')
    .some((grant) => grant.role === 'REGIONAL_OPERATOR' && grant.territory.kind === 'REGION');
}

/**
 * Whose log the principal asks for, once allowed: the own one, a minor child's (a guardian holds the
 * child's rights under 152-FZ art. 14 while the child is a minor — a card without a birth date counts as a
 * minor's), or anyone's for the regional operator. Everything else is FORBIDDEN, before anything is read,
 * so the answer does not tell whether the person exists.
 */
export async function logOwner(ctx: PeopleContext, personId: string | null | undefined): Promise<string> {
  const me = ctx.policy.personId;
  const target = personId ?? me;
  if (!target) throw forbidden('Журнал просмотров есть только у лица.');
  if (target === me) return target;
  if (isRegionalOperator(ctx)) {
    const card = await ctx.loaders.person.load(target);
    if (!card) throw notFound('Лицо не найдено.');
    return target;
  }
  const guardianOf = ctx.policy
    .grantsWith('pii:read')
    .some((grant) => grant.territory.kind === 'CHILDREN' && grant.territory.personIds.includes(target));
  if (guardianOf) {
    const card = await ctx.loaders.person.load(target);
    if (card && (card.birthDate === null || regionAge(card.birthDate, ctx.now()) < 18)) return target;
  }
  throw forbidden('Журнал просмотров этого лица вам недоступен.');
}

export function anomalyDay(ctx: PeopleContext, day: string | null | undefined): string {
  if (!isRegionalOperator(ctx)) throw forbidden('Отчёт об аномальных чтениях — только региональному оператору.');
  return day ?? regionToday(ctx.now);
}
