/**
 * GraphQL Code Generator for the web client (issue 10 §3): result and variable types for every `gql` operation
 * and fragment in src/, plus the persisted-documents manifest (hash → document) the gateway will accept from
 * service accounts. Run `npm run codegen -w @region/web`; `npm run codegen:check -w @region/web` fails when the
 * committed output is stale.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SUPERGRAPH_PATH } from '@region/schema/subgraphs';
import { printSchema } from 'graphql';

/**
 * The API schema clients see: the supergraph minus `@inaccessible` (as in test/operations.test.ts), so an
 * operation that selects an internal field fails generation as it fails that test.
 */
const apiSchema = printSchema(Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema());

const root = fileURLToPath(new URL('.', import.meta.url));

const config: CodegenConfig = {
  schema: apiSchema,
  documents: [`${root}src/**/*.{ts,tsx}`, `!${root}src/generated/**`],
  ignoreNoDocuments: false,
  generates: {
    [`${root}src/generated/`]: {
      preset: 'client',
      presetConfig: {
        // Components read fragment fields directly today; masking would change every component at once.
        fragmentMasking: false,
        // Only the manifest is wanted, not `gql` replaced by a generated `graphql()` function: the `gql`
        // literals stay the source that test/operations.test.ts validates.
        gqlTagName: 'graphql',
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        useTypeImports: true,
        // Apollo Client adds `__typename` to every selection, so results always carry it; optimistic
        // responses and cache writes must spell it out.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        scalars: { ID: 'string', Date: 'string', DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
