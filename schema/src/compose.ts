/**
 * `npm run compose` writes schema/supergraph.graphql from the subgraphs' SDL; `--check` fails when the
 * committed file is stale or composition reports an error (CI runs it). The gateway loads that file and
 * never introspects at run time.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_PATH, subgraphSdl, type Registry } from './subgraphs.ts';

/** Composes the registry's subgraphs (the platform's own unless a test hands it another registry). */
export function composeSupergraph(registry: Registry = SUBGRAPHS): string {
  const result = composeServices(
    registry.map((subgraph) => ({
      name: subgraph.name,
      url: `http://localhost:${subgraph.port}/graphql`,
      typeDefs: parse(subgraphSdl(subgraph)),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

function main(): void {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--check')) {
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== supergraph) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is current.');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`Wrote ${SUPERGRAPH_PATH}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) main();
