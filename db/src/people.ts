/**
 * The `people` schema: persons, organizations, municipalities and every link between them. Owned by the
 * people subgraph; other subgraphs refer to these rows by id only (no foreign keys across schemas).
 */
export { people } from './people/columns.ts';
export * from './people/core.ts';
export * from './people/access.ts';
export * from './people/monitoring.ts';
