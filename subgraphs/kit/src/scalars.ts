import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.ts';
import { regionDate } from './region-time.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw badInput(`Дата должна быть в формате ГГГГ-ММ-ДД, получено: ${JSON.stringify(value)}.`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(`Такой даты нет в календаре: ${value}.`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  // A moment given for a Date field is answered as the region's date of that moment (DOMAIN.md, Times).
  serialize: (value) => (value instanceof Date ? regionDate(value) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw badInput(`Неверный момент времени: ${JSON.stringify(value)}.`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
