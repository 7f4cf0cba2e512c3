/**
 * Argument values the subgraphs would hand to PostgreSQL and see refused there as internal failures
 * (issue 9, §6): an `ID` that is not a UUID (`'abc'` against a `uuid` column), a NUL byte in a string
 * (PostgreSQL's text cannot hold `\u0000`), a date that is not in the calendar. They are refused at the
 * edge with `BAD_USER_INPUT` naming the argument, before the gateway plans anything. Every id of the API
 * is a UUID (DESIGN.md, Database).
 */
import { DateScalar, DateTimeScalar } from '@region/kit';
import {
  BREAK,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MalformedInput {
  /** The argument or input field, as the schema names it. */
  field: string;
  message: string;
}

/** The first malformed argument value of the document; null when all are fine. */
export function malformedInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): MalformedInput | null {
  const typeInfo = new TypeInfo(schema);
  let found: MalformedInput | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return undefined;
        found = check(valueFromAST(node.value, argument.type, variables), argument.type, argument.name);
        return found ? BREAK : undefined;
      },
    }),
  );
  return found;
}

function check(value: unknown, type: GraphQLInputType, field: string): MalformedInput | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const error = check(item, nullable.ofType, field);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return null;
    for (const [name, definition] of Object.entries(nullable.getFields())) {
      const error = check((value as Record<string, unknown>)[name], definition.type, name);
      if (error) return error;
    }
    return null;
  }
  if (!isScalarType(nullable)) return null;
  switch (nullable.name) {
    case 'ID':
      return typeof value === 'string' && UUID.test(value)
        ? null
        : { field, message: `Неверный идентификатор в поле «${field}»: ${JSON.stringify(value)}.` };
    case 'String':
      return typeof value === 'string' && value.includes('\u0000')
        ? { field, message: `Поле «${field}» содержит недопустимый символ (NUL).` }
        : null;
    case 'Date':
    case 'DateTime':
      try {
        (nullable.name === 'Date' ? DateScalar : DateTimeScalar).parseValue(value);
        return null;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { field, message: `Поле «${field}»: ${message}` };
      }
    default:
      return null;
  }
}
