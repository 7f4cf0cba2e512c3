/**
 * `defineSubgraph()` (issue 10 §2): what every subgraph used to copy — the per-request context (principal →
 * policy → loaders, the clock, the logger) and the wiring into `createSubgraph` — written once. A subgraph
 * names its modules, its policy class (a `PolicyBase`, the one meaning of "holds scope over row") and its
 * loaders; the registry entry (`@region/schema`, `SUBGRAPHS`) points at the module exporting the result.
 */
import type { Database } from '@region/db';
import type { Logger } from './logger.ts';
import type { SubgraphDeps } from './main.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { PolicyBase } from './policy.ts';
import type { Principal } from './principal.ts';
import {
  createSubgraph,
  type ExportHandler,
  type Subgraph,
  type SubgraphModule,
  type SubgraphOptions,
} from './subgraph.ts';

/** The context every subgraph's resolvers get; a subgraph may add fields of its own (`extend`). */
export interface SubgraphContext<P extends PolicyBase = PolicyBase, L = unknown> {
  principal: Principal;
  /** The principal's row scope; built per request like the loaders, never shared across requests. */
  policy: P;
  db: Database;
  /** DataLoaders bound to this request's policy (STYLE.md: loaders are per request). */
  loaders: L;
  logger: Logger;
  /** The clock, injectable so tests and the demo can stand on a given date. */
  now: () => Date;
}

type SharedKeys = keyof SubgraphContext;

export interface SubgraphSpec<C extends SubgraphContext<PolicyBase, unknown>, D extends SubgraphDeps> {
  name: string;
  modules: SubgraphModule<C>[];
  /** `now` is the subgraph's clock, for a policy whose rows depend on the region's date. */
  policy: (principal: Principal, now: () => Date) => C['policy'];
  loaders: (db: Database, policy: C['policy']) => C['loaders'];
  /**
   * The context's fields beyond the shared ones, per request. `token` is the gateway's internal token of
   * this request, for a subgraph that asks another one on the caller's behalf (admissions asks people).
   */
  extend?: (request: { principal: Principal; token: string; deps: D }) => Omit<C, SharedKeys>;
  /** Service-specific gauges collected on each `/metrics` scrape (admissions: the outbox backlog). */
  metrics?: (deps: D) => (metrics: ServiceMetrics) => void;
  /** HTTP routes of the subgraph's own besides `/graphql` (learning's file URLs); see `SubgraphOptions.routes`. */
  routes?: (deps: D) => SubgraphOptions<C>['routes'];
  /** Streamed files by name (`/exports/<subgraph>/<name>`, issues 12 and 15), run with the link's principal. */
  exports?: Record<string, ExportHandler<C>>;
}

export interface SubgraphDefinition<D extends SubgraphDeps = SubgraphDeps> {
  name: string;
  /** Builds the subgraph without listening: for its process (`subgraphMain`), the tests and the platform. */
  create(deps: D): Promise<Subgraph>;
}

export function defineSubgraph<C extends SubgraphContext<PolicyBase, unknown>, D extends SubgraphDeps = SubgraphDeps>(
  spec: SubgraphSpec<C, D>,
): SubgraphDefinition<D> {
  return {
    name: spec.name,
    create(deps) {
      const now = deps.now ?? (() => new Date());
      return createSubgraph<C>({
        name: spec.name,
        modules: spec.modules,
        verifyInternalToken: deps.verifyInternalToken,
        createContext: (principal, token) => {
          const policy = spec.policy(principal, now);
          const shared: SubgraphContext<C['policy'], C['loaders']> = {
            principal,
            policy,
            db: deps.db,
            loaders: spec.loaders(deps.db, policy),
            logger: deps.logger,
            now,
          };
          return { ...shared, ...spec.extend?.({ principal, token, deps }) } as C;
        },
        logger: deps.logger,
        db: deps.db,
        metrics: spec.metrics?.(deps),
        routes: spec.routes?.(deps),
        exports: spec.exports,
        now,
      });
    },
  };
}
