import { readFileSync } from 'node:fs';

/** The SDL every subgraph starts with (federation link, @access, scalars). */
export function baseSdl(): string {
  return readFileSync(new URL('../graphql/base.graphql', import.meta.url), 'utf8');
}
