/** The subgraphs of the supergraph, their SDL on disk and their default URLs (overridable by env). */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseSdl } from './sdl.ts';

export const SUBGRAPHS = [
  { name: 'people', port: 4001 },
  { name: 'learning', port: 4002 },
  { name: 'admissions', port: 4003 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The whole SDL of one subgraph: the shared base, then each module's schema.graphql in name order. */
export function subgraphSdl(name: string): string {
  const modulesDir = `${ROOT}subgraphs/${name}/src/modules`;
  const modules = readdirSync(modulesDir)
    .sort()
    .map((module) => `${modulesDir}/${module}/schema.graphql`)
    .filter((file) => existsSync(file));
  return [baseSdl(), ...modules.map((file) => readFileSync(file, 'utf8'))].join('\n');
}

export const SUPERGRAPH_PATH = `${ROOT}schema/supergraph.graphql`;
