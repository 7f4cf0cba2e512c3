/**
 * Every GraphQL operation the web client sends is valid against the composed API schema: a renamed field
 * or a wrong argument fails here, not in a person's browser. Operations are the client's `gql` literals;
 * shared fragments are `const X = gql\`fragment …\`` literals interpolated as `${X}`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { SUPERGRAPH_PATH } from '@region/schema/subgraphs';
import { parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Literal {
  name: string;
  /** The const it is assigned to, when it is (fragments are interpolated by that name). */
  binding: string | null;
  text: string;
}

const literals: Literal[] = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:const\s+(\w+)\b[^;`]*?=\s*)?gql`([^`]*)`/g)].map((match, index) => ({
    name: `${relative(SRC, file)} #${index + 1}`,
    binding: match[1] ?? null,
    text: match[2] ?? '',
  })),
);
const byBinding = new Map(literals.filter((l) => l.binding).map((l) => [l.binding!, l]));
const isFragmentOnly = (text: string) =>
  parse(text.replace(/\$\{\w+\}/g, '')).definitions.every((d) => d.kind === 'FragmentDefinition');

/**
 * The document `gql` builds at run time: the literal without its `${FRAGMENT}` placeholders, plus every
 * fragment literal it interpolates, transitively and once each.
 */
function resolve(literal: Literal): string {
  const fragments = new Map<string, string>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(/\$\{(\w+)\}/g)) {
      const fragment = byBinding.get(name!);
      if (!fragment) throw new Error(`${literal.name}: \${${name}} is not a gql literal of the client`);
      if (fragments.has(name!)) continue;
      fragments.set(name!, fragment.text.replace(/\$\{\w+\}/g, ''));
      visit(fragment.text);
    }
  };
  visit(literal.text);
  return [literal.text.replace(/\$\{\w+\}/g, ''), ...fragments.values()].join('\n');
}

const operations = literals.filter((literal) => !isFragmentOnly(literal.text));
const fragments = literals.filter((literal) => isFragmentOnly(literal.text));

const apiSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();

describe('web client operations', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations)('$name is valid against the API schema', (literal) => {
    const document: DocumentNode = parse(resolve(literal));
    expect(validate(apiSchema, document).map((error) => error.message)).toEqual([]);
  });

  it.each(fragments)('fragment $name is used by an operation', (fragment) => {
    expect(operations.some((operation) => operation.text.includes(`\${${fragment.binding}}`))).toBe(true);
  });
});
