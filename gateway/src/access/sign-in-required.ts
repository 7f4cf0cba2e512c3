/**
 * The refusal of an anonymous operation that selects anything but public fields (issue 11): the whole
 * operation, before planning, with `UNAUTHENTICATED` and HTTP 401 — signing in is the remedy, so the web
 * client treats it as any other 401. `extensions.fields` names what needs a sign-in (at most 10).
 */
import { HeaderMap } from '@apollo/server';
import { AppError } from '@region/kit';
import type { RemovedField } from './filter-document.ts';

const NAMED_FIELDS = 10;

export function signInRequired(removed: readonly RemovedField[]): AppError {
  const fields = [...new Set(removed.map((field) => field.coordinate))].slice(0, NAMED_FIELDS);
  return new AppError('UNAUTHENTICATED', 'Эти данные доступны только после входа. Войдите через Госуслуги.', {
    fields,
    http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
  });
}
