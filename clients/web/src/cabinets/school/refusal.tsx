/**
 * Refusals of the API as a secretary needs them: the message, the field it is about (shown at the field),
 * and for a deadline refusal the rule and the date from which the action becomes possible.
 */
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';
import { describeError } from '../../ui/errors.ts';
import { formatDate } from '../../ui/format.ts';
import { RULE_TITLES } from './labels.ts';

export interface Refusal {
  message: string;
  code: string | undefined;
  field: string | undefined;
  rule: string | undefined;
  deadline: string | undefined;
  reason: string | undefined;
}

export function refusalOf(error: unknown): Refusal {
  const { message, code } = describeError(error);
  const extensions = CombinedGraphQLErrors.is(error) ? (error.errors[0]?.extensions ?? {}) : {};
  const text = (key: string) => (typeof extensions[key] === 'string' ? (extensions[key] as string) : undefined);
  return {
    message,
    code,
    field: text('field'),
    rule: text('rule'),
    deadline: text('deadline'),
    reason: text('reason'),
  };
}

/** A refusal shown next to the action that caused it; deadline rules get their own, calmer look. */
export function RefusalNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  const refusal = refusalOf(error);
  if (refusal.code === 'DEADLINE_RULE') {
    const title = refusal.rule ? RULE_TITLES[refusal.rule] : undefined;
    // The places rule travels with the deadline rules (it is point 17 of the Order too), but it is about
    // capacity, not dates: it gets its own heading (issue 15 §3.7).
    const heading = refusal.rule === 'NO_PLACES' ? 'Нет свободных мест' : 'Нельзя по срокам';
    return (
      <div className="notice notice-warning school-refusal" role="alert" data-code="DEADLINE_RULE">
        <div>
          <strong>{heading}</strong>
          {title && <p>Правило: {title}.</p>}
          <p>{refusal.message}</p>
          {refusal.deadline && (
            <p>
              Дата по правилу: <strong>{formatDate(refusal.deadline)}</strong>
            </p>
          )}
          {children}
        </div>
      </div>
    );
  }
  const heading =
    refusal.code === 'CONFLICT'
      ? 'Действие невозможно'
      : refusal.code === 'FORBIDDEN'
        ? 'Нет прав'
        : refusal.code === 'BAD_USER_INPUT'
          ? 'Проверьте данные'
          : 'Не выполнено';
  return (
    <div className="notice notice-error school-refusal" role="alert" data-code={refusal.code}>
      <div>
        <strong>{heading}</strong>
        <p>{refusal.message}</p>
        {children}
      </div>
    </div>
  );
}
