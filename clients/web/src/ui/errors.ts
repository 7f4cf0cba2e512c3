/** What to tell a person about a failed request, in Russian. Business errors already carry a Russian message. */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface ErrorInfo {
  message: string;
  code: string | undefined;
}

const BY_CODE: Record<string, string> = {
  FORBIDDEN: 'Нет доступа к этим данным.',
  UNAUTHENTICATED: 'Сеанс завершён. Войдите снова.',
  INTERNAL_SERVER_ERROR: 'На сервере произошла ошибка. Попробуйте ещё раз; если не поможет — сообщите в поддержку.',
};

export function describeError(error: unknown): ErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.['code'] as string | undefined;
    const fallback = (code && BY_CODE[code]) ?? 'Запрос не выполнен.';
    // Masked internal errors come back in English; everything a subgraph throws on purpose is Russian.
    const message = first?.message && /[а-яё]/i.test(first.message) ? first.message : fallback;
    return { message, code };
  }
  if (ServerError.is(error)) {
    return (
      unavailable(error) ?? {
        message: `Сервер ответил с ошибкой (${error.statusCode}). Попробуйте ещё раз.`,
        code: undefined,
      }
    );
  }
  return { message: 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.', code: undefined };
}

/**
 * The gateway answers 503 while a service it needs cannot answer (people at login, issue 9 §7), and a proxy
 * in front of it answers 502–504: a wait, not a failed session — the person stays signed in and may retry.
 */
function unavailable(error: ServerError): ErrorInfo | null {
  if (error.statusCode < 502 || error.statusCode > 504) return null;
  let code: string | undefined;
  try {
    const body = JSON.parse(error.bodyText) as { errors?: { extensions?: { code?: unknown } }[] };
    const first = body.errors?.[0]?.extensions?.code;
    code = typeof first === 'string' ? first : undefined;
  } catch {
    code = undefined;
  }
  return { message: 'Сервис временно недоступен, попробуйте позже.', code };
}

/** The first error whose path starts with one of `path`'s prefixes, for showing an error at a form field. */
export function errorCode(error: unknown): string | undefined {
  return describeError(error).code;
}

/**
 * Every error is NOT_FOUND: a record looked up by id that does not exist or is not within the person's
 * access — the API answers both the same (null with NOT_FOUND), so the page shows its own «не найдено или
 * недоступно» state rather than an error to retry.
 */
export function isNotFound(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.length > 0 &&
    error.errors.every((entry) => entry.extensions?.['code'] === 'NOT_FOUND')
  );
}

/**
 * The fields of `error` the role may not read (null with FORBIDDEN), as dotted paths (`person.missingFields`):
 * a page tells "this record is closed to you" from "this request failed" by them.
 */
export function forbiddenPaths(error: unknown): Set<string> {
  if (!CombinedGraphQLErrors.is(error)) return new Set();
  return new Set(
    error.errors
      .filter((entry) => entry.extensions?.['code'] === 'FORBIDDEN' && entry.path)
      .map((entry) => entry.path!.join('.')),
  );
}

/** The first error about `path` (dotted, e.g. `organization.dataCompleteness`) or a field under it. */
export function errorAt(error: unknown, path: string): ErrorInfo | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const found = error.errors.find((entry) => {
    const at = entry.path?.join('.');
    return at === path || at?.startsWith(`${path}.`);
  });
  return found ? describeError(new CombinedGraphQLErrors({ errors: [found] })) : null;
}
