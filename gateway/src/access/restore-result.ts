/**
 * Puts the fields `filterDocument` removed back into the result as `null`, each with a `FORBIDDEN` error at
 * its concrete path, the way Apollo Router answers a field its directives removed. A field goes back exactly
 * where its marker came back, and under the client's key and in the marker's position, so the response has
 * the shape the client asked for.
 */
import type { ErrorCode } from '@region/kit/errors';
import { GraphQLError, isListType, isNonNullType, type ExecutionResult, type GraphQLOutputType } from 'graphql';
import type { RemovedField } from './filter-document.ts';

type Path = readonly (string | number)[];

/** The value must be `null` but sits in a non-null position: the parent has to become `null` instead. */
const NULL_PROPAGATES = Symbol('null propagates to the parent');

export function restoreResult(result: ExecutionResult, removed: readonly RemovedField[]): ExecutionResult {
  if (removed.length === 0 || !result.data) return result;
  const errors: GraphQLError[] = [];
  const data = restoreObject(result.data, removed, 0, [], errors);
  // As in GraphQL execution, a `null` that reaches the root takes the whole `data` with it.
  return {
    ...result,
    data: data === NULL_PROPAGATES ? null : data,
    ...(errors.length > 0 ? { errors: [...(result.errors ?? []), ...errors] } : {}),
  };
}

function restoreObject(
  object: Record<string, unknown>,
  removed: readonly RemovedField[],
  depth: number,
  path: Path,
  errors: GraphQLError[],
): Record<string, unknown> | typeof NULL_PROPAGATES {
  const here = new Map(removed.filter((field) => field.path.length === depth).map((field) => [field.marker, field]));
  const below = removed.filter((field) => field.path.length > depth);
  const restored: Record<string, unknown> = {};
  let isNull = false;
  for (const [key, value] of Object.entries(object)) {
    const field = here.get(key);
    if (field) {
      // Several markers may stand for one response key (the field selected in two fragments): answer it once.
      if (Object.hasOwn(restored, field.responseKey)) continue;
      restored[field.responseKey] = null;
      errors.push(forbidden(field, [...path, field.responseKey]));
      if (isNonNullType(field.type)) isNull = true;
      continue;
    }
    const inside = below.filter((f) => f.path[depth]?.responseKey === key);
    const step = inside[0]?.path[depth];
    if (!step) {
      restored[key] = value;
      continue;
    }
    const child = restoreValue(value, step.type, inside, depth + 1, [...path, key], errors);
    if (child === NULL_PROPAGATES) isNull = true;
    else restored[key] = child;
  }
  return isNull ? NULL_PROPAGATES : restored;
}

function restoreValue(
  value: unknown,
  type: GraphQLOutputType,
  removed: readonly RemovedField[],
  depth: number,
  path: Path,
  errors: GraphQLError[],
): unknown {
  // A `null` object (not found, or nulled by a subgraph error) has no fields to answer and nothing to report.
  if (value === null || typeof value !== 'object') return value;
  const nullable = isNonNullType(type) ? type.ofType : type;
  let restored: unknown;
  if (isListType(nullable) && Array.isArray(value)) {
    const items = value.map((item, index) =>
      restoreValue(item, nullable.ofType, removed, depth, [...path, index], errors),
    );
    restored = items.includes(NULL_PROPAGATES) ? NULL_PROPAGATES : items;
  } else {
    restored = restoreObject(value as Record<string, unknown>, removed, depth, path, errors);
  }
  if (restored !== NULL_PROPAGATES) return restored;
  return isNonNullType(type) ? NULL_PROPAGATES : null;
}

function forbidden(field: RemovedField, path: Path): GraphQLError {
  const code: ErrorCode = 'FORBIDDEN';
  return new GraphQLError(`Not authorized to read field "${field.coordinate}"`, { path, extensions: { code } });
}
