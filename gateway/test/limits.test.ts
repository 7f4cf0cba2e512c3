/**
 * The query limits refuse what hurt (issue 9, §6) and let through every operation the platform's own
 * clients send, for the principal kind that sends it: each `gql` document of the web client (collected as
 * `clients/web/test/operations.test.ts` does) and the admissions service account's operation, with every
 * `first` at its worst case.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { SUPERGRAPH_PATH } from '@region/schema';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PAGE_MAX, exceededLimit, queryCost, type LimitKind } from '../src/limits.ts';

const schema: GraphQLSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const WEB_SRC = fileURLToPath(new URL('../../clients/web/src/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Operation {
  name: string;
  kind: LimitKind;
  text: string;
}

/**
 * The web client's operations, fragments resolved; the territory cabinet is the analysts' (limits.ts), the
 * public pages (`src/public/`, no sign-in: issue 11) anonymous callers'.
 */
function webOperations(): Operation[] {
  const literals = sourceFiles(WEB_SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:const\s+(\w+)\b[^;`]*?=\s*)?gql`([^`]*)`/g)].map((match, index) => ({
      name: `${relative(WEB_SRC, file)} #${index + 1}`,
      binding: match[1] ?? null,
      text: match[2] ?? '',
    })),
  );
  const byBinding = new Map(literals.filter((l) => l.binding).map((l) => [l.binding!, l.text]));
  const resolve = (text: string): string => {
    const fragments = new Map<string, string>();
    const visit = (part: string) => {
      for (const [, name] of part.matchAll(/\$\{(\w+)\}/g)) {
        if (fragments.has(name!)) continue;
        const fragment = byBinding.get(name!) ?? '';
        fragments.set(name!, fragment.replace(/\$\{\w+\}/g, ''));
        visit(fragment);
      }
    };
    visit(text);
    return [text.replace(/\$\{\w+\}/g, ''), ...fragments.values()].join('\n');
  };
  return literals
    .map((literal) => ({ ...literal, text: resolve(literal.text) }))
    .filter((literal) => parse(literal.text).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION))
    .map((literal) => ({
      name: literal.name,
      kind: kindOfFile(literal.name),
      text: literal.text,
    }));
}

function kindOfFile(name: string): LimitKind {
  if (name.startsWith('cabinets/territory/')) return 'analyst';
  if (name.startsWith('public/')) return 'anonymous';
  return 'person';
}

/** The operation the admissions service account sends through the gateway (the movement book). */
function serviceOperations(): Operation[] {
  const file = join(ROOT, 'subgraphs/admissions/src/outbox/movement-book-client.ts');
  return [...readFileSync(file, 'utf8').matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)].map((match, index) => ({
    name: `admissions movement book #${index + 1}`,
    kind: 'service' as const,
    text: match[1] ?? '',
  }));
}

/** Variables at their worst for cost: every Int is the largest page the kind may ask for; the rest well-formed. */
function worstVariables(document: DocumentNode, page = PAGE_MAX): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (type) variables[variable.variable.name.value] = sample(type, page);
    }
  }
  return variables;
}

function sample(type: GraphQLInputType, page: number): unknown {
  if (isNonNullType(type)) return sample(type.ofType, page);
  if (isListType(type)) return [sample(type.ofType, page)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type, page)]),
    );
  }
  switch (named.name) {
    case 'Int':
      return page;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Date':
      return '2025-09-01';
    case 'DateTime':
      return '2025-09-01T08:00:00Z';
    case 'ID':
      return '00000000-0000-7000-8000-000000000000';
    default:
      return 'x';
  }
}

const operations = [...webOperations(), ...serviceOperations()];

describe('the platform’s own operations pass the limits of the kind that sends them', () => {
  it('finds the operations', () => {
    expect(operations.filter((o) => o.kind === 'person').length).toBeGreaterThan(20);
    expect(operations.filter((o) => o.kind === 'analyst').length).toBeGreaterThan(5);
    expect(operations.filter((o) => o.kind === 'service').length).toBe(1);
    expect(operations.filter((o) => o.kind === 'anonymous').length).toBeGreaterThan(0);
  });

  it.each(operations)('$name ($kind)', ({ kind, text }) => {
    const document = parse(text);
    const measured = { schema, document, source: text, variables: worstVariables(document, DEFAULT_LIMITS[kind].page) };
    expect(exceededLimit(measured, DEFAULT_LIMITS[kind])).toBeNull();
  });
});

/** The walk of issue 9: myAssignments → class → students → classes → … (nine levels of objects). */
export const TEACHER_WALK =
  '{ myAssignments { class { students { classes { students { classes { students { classes { students { id } } } } } } } } } }';

describe('the hostile operations of issue 9', () => {
  it('refuses a teacher’s nine-level walk through classes and students by its cost', () => {
    const source = TEACHER_WALK;
    const measured = { schema, document: parse(source), source };
    expect(exceededLimit(measured, DEFAULT_LIMITS.person)).toMatchObject({ limit: 'cost' });
  });

  it('refuses 100 aliases of persons(first: 200) by aliases and by cost', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `p${i}: persons(first: 200) { edges { node { id } } }`);
    const source = `{ ${aliases.join(' ')} }`;
    const measured = { schema, document: parse(source), source };
    expect(exceededLimit(measured, DEFAULT_LIMITS.analyst)).toMatchObject({ limit: 'aliases' });
    expect(exceededLimit(measured, { ...DEFAULT_LIMITS.analyst, aliases: 1000, tokens: 100_000 })).toMatchObject({
      limit: 'cost',
    });
  });

  it('counts `first` as a multiplier of what it pages', () => {
    const cost = (first: number) =>
      queryCost(schema, parse(`{ persons(first: ${first}) { edges { node { id children { id } } } } }`), undefined);
    // persons (1) + first × (edges (1) + node (1) + children (1 + 30 × 0)).
    expect(cost(10)).toBe(1 + 10 * 3);
    expect(cost(200)).toBe(1 + 200 * 3);
  });

  it('refuses by tokens, depth and directives on their own', () => {
    const long = `{ me { person { ${Array.from({ length: 2000 }, () => 'id').join(' ')} } } }`;
    expect(exceededLimit({ schema, document: parse(long), source: long }, DEFAULT_LIMITS.person)).toMatchObject({
      limit: 'tokens',
    });
    const deep =
      '{ me { person { children { guardians { children { guardians { children { guardians { children { guardians { id } } } } } } } } } } }';
    expect(
      exceededLimit({ schema, document: parse(deep), source: deep }, { ...DEFAULT_LIMITS.person, cost: 1e12 }),
    ).toMatchObject({ limit: 'depth' });
    const directives = `{ me { person { ${Array.from({ length: 20 }, (_, i) => `f${i}: id @include(if: true)`).join(' ')} } } }`;
    expect(
      exceededLimit(
        { schema, document: parse(directives), source: directives },
        { ...DEFAULT_LIMITS.person, aliases: 100 },
      ),
    ).toMatchObject({ limit: 'directives' });
  });
});

describe('anonymous callers (issue 11)', () => {
  it('are held tighter than a person on every measure', () => {
    for (const limit of Object.keys(DEFAULT_LIMITS.person) as (keyof typeof DEFAULT_LIMITS.person)[]) {
      expect(DEFAULT_LIMITS.anonymous[limit]).toBeLessThan(DEFAULT_LIMITS.person[limit]);
    }
  });

  it('refuses a page over 50, a literal or a variable, with the size asked', () => {
    const literal = '{ organizations(first: 51) { edges { node { id } } } }';
    expect(exceededLimit({ schema, document: parse(literal), source: literal }, DEFAULT_LIMITS.anonymous)).toEqual({
      limit: 'page',
      max: 50,
      actual: 51,
    });
    const variable = 'query ($n: Int) { organizations(first: $n) { edges { node { id } } } }';
    const measured = (n: number) => ({ schema, document: parse(variable), source: variable, variables: { n } });
    expect(exceededLimit(measured(200), DEFAULT_LIMITS.anonymous)).toMatchObject({ limit: 'page', actual: 200 });
    expect(exceededLimit(measured(50), DEFAULT_LIMITS.anonymous)).toBeNull();
    expect(exceededLimit(measured(200), DEFAULT_LIMITS.person)).toBeNull();
  });
});
