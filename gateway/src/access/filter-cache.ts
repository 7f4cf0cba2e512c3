/**
 * The access filter's result, computed once per (operation text, effective scope set) instead of per request
 * (issue 13 §4). `filterDocument` is a pure function of the schema, the field scopes, the document, the
 * operation name, the scopes held and whether unmarked fields are open: the key holds every one of them, the
 * first two by starting an empty cache whenever the supergraph changes.
 *
 * The scope set in the key is what keeps principals apart: two principals share a filtered document only when
 * they hold exactly the same scopes, and then `filterDocument` would have given both the very same document.
 * Never key it by less (a role, a person's id, the operation alone): a document filtered for someone who may
 * read `snils` would reach someone who may not. The result carries no data of anyone's — only which fields
 * are removed — and it is never mutated after it is made (`restoreResult` only reads it).
 */
import { createHash } from 'node:crypto';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { FieldScopes } from './field-scopes.ts';
import { filterDocument, type FilteredDocument, type Unlisted } from './filter-document.ts';

export interface CachedFilter extends FilteredDocument {
  /** When fields were removed: the filtered document's text and hash, which key the gateway's query plans. */
  readonly planned?: { readonly source: string; readonly queryHash: string };
}

export interface FilterRequest {
  schema: GraphQLSchema;
  fieldScopes: FieldScopes;
  document: DocumentNode;
  /** Apollo Server's hash of the operation's text; without one the result is computed and not kept. */
  queryHash: string | undefined;
  operationName: string | null | undefined;
  held: ReadonlySet<string>;
  unlisted: Unlisted;
}

/** Distinct (text, scope set) pairs remembered at most: each is a small AST next to Apollo's own document. */
const DEFAULT_MAX_FILTERED = 5_000;

export function filterCache(max = DEFAULT_MAX_FILTERED) {
  let generation: { schema: GraphQLSchema; fieldScopes: FieldScopes } | undefined;
  let cache = new LRUCache<string, CachedFilter>({ max });

  function compute(request: FilterRequest): CachedFilter {
    const filtered = filterDocument(
      request.schema,
      request.document,
      request.operationName,
      request.fieldScopes,
      request.held,
      request.unlisted,
    );
    if (filtered.removed.length === 0) return filtered;
    const source = print(filtered.document);
    return { ...filtered, planned: { source, queryHash: createHash('sha256').update(source).digest('hex') } };
  }

  return (request: FilterRequest): CachedFilter => {
    if (generation?.schema !== request.schema || generation.fieldScopes !== request.fieldScopes) {
      generation = { schema: request.schema, fieldScopes: request.fieldScopes };
      cache = new LRUCache<string, CachedFilter>({ max });
    }
    if (request.queryHash === undefined) return compute(request);
    // The whole scope set, sorted; JSON so that no scope or operation name can make two keys print alike.
    const key = JSON.stringify([
      request.unlisted,
      request.operationName ?? null,
      request.queryHash,
      [...request.held].sort(),
    ]);
    const known = cache.get(key);
    if (known) return known;
    // A `TooManyRemovedFields` thrown here is not kept: the next request measures again.
    const filtered = compute(request);
    cache.set(key, filtered);
    return filtered;
  };
}
