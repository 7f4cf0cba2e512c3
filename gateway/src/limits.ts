/**
 * Query limits at the gateway (issue 9, §6): a plain teacher's nine-level walk `myAssignments → class →
 * students → classes → …` ran 6–8 s and slowed everyone, and 100 aliases of `persons(first: 200)` ran 2–3 s.
 * Every operation is measured before the gateway plans it — tokens, aliases, directives, depth (GraphQL
 * Armor's rules) and cost (graphql-query-complexity with the estimator below) — against the limits of the
 * principal's kind, and refused with `QUERY_TOO_COMPLEX` in milliseconds.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { AppError, assertNever, type Principal } from '@region/kit';
import type { Role } from '@region/schema';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export const LIMIT_KINDS = ['person', 'analyst', 'service', 'anonymous'] as const;
/**
 * Whose limits apply: people in their cabinets, regional and municipal roles, external systems, and callers
 * without a token (the public catalogue, issue 11).
 */
export type LimitKind = (typeof LIMIT_KINDS)[number];

export interface QueryLimits {
  /** Estimated objects the subgraphs return (see `costEstimator`). */
  cost: number;
  depth: number;
  aliases: number;
  tokens: number;
  directives: number;
  /** The largest `first` of any paged field. */
  page: number;
}
export type LimitName = keyof QueryLimits;

/**
 * The defaults leave about twice what the heaviest web-client operation needs (cost 7,233 with every page at
 * 200, depth 8, 19 aliases, ~600 tokens); `gateway/test/limits.test.ts` runs every one of them through these limits.
 */
export const DEFAULT_LIMITS: Readonly<Record<LimitKind, QueryLimits>> = {
  person: { cost: 15_000, depth: 10, aliases: 30, tokens: 1_500, directives: 10, page: 200 },
  analyst: { cost: 30_000, depth: 12, aliases: 50, tokens: 3_000, directives: 20, page: 200 },
  // External systems run a few fixed operations (the admissions movement book's costs 1).
  service: { cost: 5_000, depth: 8, aliases: 10, tokens: 1_000, directives: 5, page: 200 },
  // Anyone on the internet, unidentified: a catalogue page (a page of programmes with their organization and
  // groups) and nothing much bigger. Tighter on every measure, pages of at most 50 (issue 11).
  anonymous: { cost: 2_000, depth: 7, aliases: 5, tokens: 600, directives: 3, page: 50 },
};

/** Roles of the territory cabinet: their overviews span a municipality or the region. */
const ANALYST_ROLES: ReadonlySet<Role> = new Set(['MINISTRY_ANALYST', 'REGIONAL_OPERATOR', 'MUNICIPAL_COORDINATOR']);

export function limitKindOf(principal: Principal): LimitKind {
  switch (principal.kind) {
    case 'SERVICE':
      return 'service';
    case 'PERSON':
      return principal.grants.some((grant) => ANALYST_ROLES.has(grant.role)) ? 'analyst' : 'person';
    case 'GATEWAY':
      return 'service';
    case 'ANONYMOUS':
      return 'anonymous';
    default:
      return assertNever(principal);
  }
}

/** Lists are bounded by `first` ≤ 200 (DESIGN.md, Federation); a missing `first` counts as its default. */
export const PAGE_MAX = 200;
/** A list without `first` (a class's students, a lesson's marks) is counted as this many items… */
export const LIST_SIZE = 30;
/** …except a person's own relations and an application's parts, which are a handful. */
const SMALL_LISTS: Readonly<Record<string, number>> = {
  'Person.children': 5,
  'Person.guardians': 5,
  'Person.classes': 3,
  'Person.applications': 5,
  'Person.consents': 10,
  'Person.employments': 5,
  'Person.grants': 10,
  'Person.movements': 10,
  'DuplicateGroup.persons': 3,
  'Application.choices': 5,
  'Application.history': 10,
  'Application.queuePositions': 5,
};

/**
 * Cost = objects returned. A field of object type costs 1 plus its selection times the number of items it
 * returns: `first` (or its default) for a paged field, an expected size for any other list; a connection's
 * `edges` are already counted by the connection's `first`. Scalars cost nothing (tokens bound how many there are),
 * introspection costs nothing (it is refused or allowed as a whole).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (isLeafType(getNamedType(field.type))) return 0;
  return 1 + itemsOf(type.name, field, args) * childComplexity;
};

function itemsOf(
  parentType: string,
  field: Parameters<ComplexityEstimator>[0]['field'],
  args: Record<string, unknown>,
): number {
  const firstArg = field.args.find((arg) => arg.name === 'first');
  if (firstArg) {
    const first = args['first'] ?? firstArg.defaultValue ?? PAGE_MAX;
    return typeof first === 'number' && first > 0 ? first : 0;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  if (parentType.endsWith('Connection')) return 1;
  return SMALL_LISTS[`${parentType}.${field.name}`] ?? LIST_SIZE;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> = {},
): number {
  return getComplexity({ schema, query: document, operationName, variables, estimators: [costEstimator] });
}

export interface Measured {
  schema: GraphQLSchema;
  document: DocumentNode;
  source: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export interface LimitViolation {
  limit: LimitName;
  max: number;
  actual?: number;
}

const MESSAGES: Record<LimitName, string> = {
  cost: 'запрос вернул бы слишком много данных',
  depth: 'слишком глубокая вложенность',
  aliases: 'слишком много псевдонимов полей',
  tokens: 'слишком длинный текст запроса',
  directives: 'слишком много директив',
  page: 'слишком большая страница',
};

/** The first limit the operation exceeds, checked from the cheapest measure to the dearest. */
export function exceededLimit(measured: Measured, limits: QueryLimits): LimitViolation | null {
  return exceededTextLimit(measured, limits) ?? exceededSizeLimit(measured, limits);
}

/**
 * The limits the text alone decides — tokens, aliases, directives, depth — whatever the variables: the
 * same for every request with this text and these limits, so `guard-cache.ts` measures them once.
 */
export function exceededTextLimit(measured: Omit<Measured, 'variables'>, limits: QueryLimits): LimitViolation | null {
  if (tooManyTokens(measured.source, limits.tokens)) return { limit: 'tokens', max: limits.tokens };

  // Armor's rules report to these callbacks instead of throwing, so the refusal is ours to word.
  const rejected: LimitName[] = [];
  const reportAs = (limit: LimitName) => ({
    onReject: [() => void rejected.push(limit)],
    propagateOnRejection: false,
    exposeLimits: false,
  });
  validate(measured.schema, measured.document, [
    maxAliasesRule({ n: limits.aliases, ...reportAs('aliases') }),
    maxDirectivesRule({ n: limits.directives, ...reportAs('directives') }),
    maxDepthRule({ n: limits.depth, flattenFragments: true, ...reportAs('depth') }),
  ]);
  const first = rejected[0];
  return first ? { limit: first, max: limits[first] } : null;
}

/** Page and cost: they depend on the variables (`first: $n`, `@include(if: $x)`). */
export function exceededSizeLimit(measured: Measured, limits: QueryLimits): LimitViolation | null {
  const page = largestPage(measured);
  if (page > limits.page) return { limit: 'page', max: limits.page, actual: page };

  const cost = queryCost(measured.schema, measured.document, measured.operationName, measured.variables);
  return cost > limits.cost ? { limit: 'cost', max: limits.cost, actual: cost } : null;
}

/** The largest `first` the operation asks for: a literal, a variable or the argument's default. */
function largestPage(measured: Measured): number {
  const typeInfo = new TypeInfo(measured.schema);
  let largest = 0;
  visit(
    measured.document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const field = typeInfo.getFieldDef();
        if (!field?.args.some((arg) => arg.name === 'first')) return;
        // Malformed variables throw a GraphQLError here, which the caller answers as the client's to fix.
        const first = getArgumentValues(field, node, measured.variables ?? {})['first'];
        if (typeof first === 'number' && first > largest) largest = first;
      },
    }),
  );
  return largest;
}

/** Armor's parser stops counting at `max`; a syntax error is Apollo Server's to report, not ours. */
function tooManyTokens(source: string, max: number): boolean {
  let exceeded = false;
  try {
    new MaxTokensParserWLexer(source, { n: max, onReject: [() => void (exceeded = true)] }).parseDocument();
  } catch {
    // The rejection surfaces as a thrown syntax error too; `exceeded` tells the two apart.
  }
  return exceeded;
}

export function tooComplex(violation: LimitViolation): GraphQLError {
  const details = {
    limit: violation.limit,
    max: violation.max,
    ...(violation.actual !== undefined ? { actual: violation.actual } : {}),
    http: { status: 400 },
  };
  // A page too large is an argument to fix, answered as the subgraphs answer a `first` over 200 (`pageSize`).
  if (violation.limit === 'page') {
    return new AppError('BAD_USER_INPUT', `Размер страницы должен быть от 1 до ${violation.max}.`, {
      ...details,
      field: 'first',
    });
  }
  return new AppError(
    'QUERY_TOO_COMPLEX',
    `Запрос слишком сложный: ${MESSAGES[violation.limit]}. Запросите меньше данных или разбейте запрос на части.`,
    details,
  );
}
