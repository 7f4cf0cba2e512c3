/**
 * What the request guards (`request-guards.ts`) decide from an operation's text alone, decided once per text
 * (issue 13 §4): whether it introspects, its tokens, aliases, directives and depth, and — when it has no
 * variables — its page size, cost and literal arguments too. Before, every request re-lexed its text and
 * re-walked its document four times; for the guardian's `me` that was about a tenth of the gateway's CPU.
 *
 * A verdict is a pure function of (schema, text, operation name, limits): the key is the text's hash
 * (Apollo Server's `queryHash`), the operation name and the principal's limit kind, which names the limits.
 * Nothing in it belongs to a principal, so sharing it between principals of one kind shares nothing of theirs;
 * who may introspect is still decided per request. A new schema starts an empty cache.
 */
import type { GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { MalformedInput } from './input-check.ts';
import type { LimitKind, LimitViolation } from './limits.ts';

export interface TextVerdict {
  introspects: boolean;
  /** Tokens, aliases, directives, depth. */
  textViolation: LimitViolation | null;
  /**
   * Page and cost, and the first malformed literal argument: present only for an operation without
   * variables, where the text decides them too; otherwise they are measured per request.
   */
  sizeViolation?: LimitViolation | null;
  malformed?: MalformedInput | null;
}

/** Distinct operation texts remembered per limit kind and operation name, at most. */
const DEFAULT_MAX_VERDICTS = 2_000;

export function guardCache(max = DEFAULT_MAX_VERDICTS) {
  let schema: GraphQLSchema | undefined;
  let verdicts = new LRUCache<string, TextVerdict>({ max });
  return {
    verdict(
      forSchema: GraphQLSchema,
      key: { queryHash: string; operationName: string | undefined; kind: LimitKind },
      decide: () => TextVerdict,
    ): TextVerdict {
      if (forSchema !== schema) {
        schema = forSchema;
        verdicts = new LRUCache<string, TextVerdict>({ max });
      }
      // JSON: no operation name can make two different keys print alike.
      const cacheKey = JSON.stringify([key.kind, key.operationName ?? null, key.queryHash]);
      const known = verdicts.get(cacheKey);
      if (known) return known;
      const verdict = decide();
      verdicts.set(cacheKey, verdict);
      return verdict;
    },
  };
}
