/**
 * Every GraphQL operation the web client sends is valid against the composed API schema: a renamed field
 * or a wrong argument fails here, not in a person's browser. Operations are the client's `gql` literals.
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

const operations = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/gql`([^`]*)`/g)].map((match, index) => ({
    name: `${relative(SRC, file)} #${index + 1}`,
    text: match[1] ?? '',
  })),
);

const apiSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();

describe('web client operations', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations)('$name is valid against the API schema', ({ text }) => {
    // Interpolated fragments would hide part of the document from this check.
    expect(text).not.toContain('${');
    const document: DocumentNode = parse(text);
    expect(validate(apiSchema, document).map((error) => error.message)).toEqual([]);
  });
});
