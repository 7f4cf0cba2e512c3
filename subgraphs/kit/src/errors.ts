/**
 * The platform's one error vocabulary (DESIGN.md, Errors). Expected failures carry a code the client
 * handles and a message written for a school secretary; anything else is logged and masked.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'CONSENT_REQUIRED',
  'ACCOUNT_NOT_LINKED',
  'DUPLICATE_RECORDS',
  'DEADLINE_RULE',
  /** A part the request needs (its database) is down for a while: the client may retry later. */
  'SERVICE_UNAVAILABLE',

  /** The gateway refused an operation over its principal's query limits before running it (issue 9, §6). */
  'QUERY_TOO_COMPLEX',
  /** A subgraph did not answer: its fields are null with this code and `extensions.service` (issue 9, §7). */
  'SUBGRAPH_UNAVAILABLE',
  /** Too many requests without a token from one address; `Retry-After` says when to try again (issue 11). */
  'RATE_LIMITED',
  /** A service account sent an operation that is not in its active manifest (issue 14 §1). */
  'PERSISTED_QUERY_NOT_ALLOWED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

export const forbidden = (message = 'Недостаточно прав для этого действия.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} не найден(а).`);
export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, details);

/** Codes a client may see as they are; everything else is an internal failure. */
const PUBLIC_CODES = new Set<string>([
  ...ERROR_CODES.filter((c) => c !== 'INTERNAL_SERVER_ERROR'),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * PostgreSQL refusing a value the client sent — not a UUID for a `uuid` column (22P02), a NUL byte in text
 * (22021), an impossible date (22007, 22008) — is bad input, not a failure of the server. The gateway
 * refuses these at the edge; this is the safety net behind it (issue 9, §6).
 */
const INPUT_SQLSTATES = new Set(['22P02', '22021', '22007', '22008']);

export function isInputRefusedByDatabase(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && INPUT_SQLSTATES.has(code)) return true;
    const next = cause as { originalError?: unknown; cause?: unknown };
    cause = next.originalError ?? next.cause;
  }
  return false;
}

/**
 * A unique index refused a row (SQLSTATE 23505): two requests raced to create the same thing, or the
 * service did not check first. The client's answer is `CONFLICT`, not an internal error (issue 10 §2); a
 * service that knows the constraint answers with its own message first (people's `mapUniqueViolation`).
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if ((cause as { code?: unknown }).code === '23505') return true;
    const next = cause as { originalError?: unknown; cause?: unknown };
    cause = next.originalError ?? next.cause;
  }
  return false;
}

export const UNIQUE_VIOLATION_MESSAGE = 'Такая запись уже есть. Обновите страницу и проверьте данные.';
