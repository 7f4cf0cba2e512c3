/**
 * Removes from an operation the fields the principal lacks scopes for, before the gateway plans it, so a
 * subgraph is never even asked for them (DESIGN.md, access model: the Router's behaviour for its directives).
 *
 * Each removed field leaves a marker in its place: `__typename` under a reserved alias, with the field's own
 * `@skip`/`@include`. The marker appears in the result exactly where the field would have appeared, whatever
 * fragments, type conditions and directives surround it, which is what lets `restoreResult` answer the field
 * with `null` at each of those places and nowhere else. It also keeps a selection set from becoming empty.
 */
import type { ErrorCode } from '@region/kit/errors';
import { satisfiesScopes } from '@region/schema';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldScopes, Scopes } from './field-scopes.ts';

/** One step from the operation root towards a removed field: a field the client kept. */
export interface PathStep {
  readonly responseKey: string;
  /** Its type, which tells `restoreResult` where lists are and where a `null` must propagate upwards. */
  readonly type: GraphQLOutputType;
}

export interface RemovedField {
  /** `Type.field` as selected, for the error message. */
  readonly coordinate: string;
  /** The key the client will find in the result: the alias, or the field name. */
  readonly responseKey: string;
  readonly type: GraphQLOutputType;
  /** Alias of the `__typename` marker that took the field's place. */
  readonly marker: string;
  /** Response keys from the root to the object holding the field (fragments add no step). */
  readonly path: readonly PathStep[];
}

export interface FilteredDocument {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Empty when the principal may read everything; `document` is then the original one. */
  readonly removed: readonly RemovedField[];
}

const MARKER_PREFIX = '__access_removed_';

/**
 * A fragment spread at many places multiplies its removed fields; nested spreads multiply again. Legitimate
 * operations stay far below this, and without a bound a few lines of fragments could exhaust memory here,
 * before the gateway's own selection limits are checked.
 */
const MAX_REMOVED_FIELDS = 10_000;

/**
 * What a field without `@access` requires: `open` — nothing (every signed-in principal; the subgraph decides
 * per row); `closed` — something nobody holds, for anonymous callers, who read only what is marked public
 * (a field whose `@access` an alternative of `catalogue:read` satisfies, issue 11).
 */
export type Unlisted = 'open' | 'closed';

export function filterDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  fieldScopes: FieldScopes,
  held: ReadonlySet<string>,
  unlisted: Unlisted = 'open',
): FilteredDocument {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  // The gateway calls us only with a validated document, so this is a programming error, not a client one.
  if (!operation || !rootType) throw new Error(`Operation ${operationName ?? '(anonymous)'} is not in the document`);

  const filter = new OperationFilter(schema, document, fieldScopes, held, unlisted === 'closed' ? [] : undefined);
  const removed: RemovedField[] = [];
  const selectionSet = filter.selectionSet(operation.selectionSet, rootType, [], removed);
  if (removed.length === 0) return { document, operation, removed };

  const filteredOperation: OperationDefinitionNode = { ...operation, selectionSet };
  // Only the operation and the fragments it still reaches: a fragment used only under a removed field
  // would otherwise stay behind unused.
  const definitions = [filteredOperation, ...filter.reachedFragments()];
  return { document: { kind: Kind.DOCUMENT, definitions }, operation: filteredOperation, removed };
}

/** Raised for an operation whose removed fields exceed `MAX_REMOVED_FIELDS`; safe to show the client. */
export class TooManyRemovedFields extends GraphQLError {
  constructor() {
    const code: ErrorCode = 'BAD_USER_INPUT';
    super('The operation asks too many times for fields you may not read.', { extensions: { code } });
  }
}

interface FilteredFragment {
  readonly definition: FragmentDefinitionNode;
  readonly removed: readonly RemovedField[];
}

class OperationFilter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Each fragment is filtered once; its removed fields are relative to wherever it is spread. */
  private readonly filteredFragments = new Map<string, FilteredFragment>();
  private readonly nextMarker: () => string;
  private removedCount = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly fieldScopes: FieldScopes,
    private readonly held: ReadonlySet<string>,
    /** The requirement of a field without `@access`: none, or `[]`, which nobody satisfies. */
    private readonly unlisted: Scopes | undefined,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
    this.nextMarker = markerAliases(document);
  }

  reachedFragments(): FragmentDefinitionNode[] {
    return [...this.filteredFragments.values()].map((fragment) => fragment.definition);
  }

  selectionSet(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    path: readonly PathStep[],
    removed: RemovedField[],
  ): SelectionSetNode {
    const selections = selectionSet.selections.map((selection): SelectionNode => {
      switch (selection.kind) {
        case Kind.FIELD:
          return this.field(selection, parentType, path, removed);
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition && this.schema.getType(selection.typeCondition.name.value);
          const type = isCompositeType(condition) ? condition : parentType;
          return { ...selection, selectionSet: this.selectionSet(selection.selectionSet, type, path, removed) };
        }
        case Kind.FRAGMENT_SPREAD:
          for (const field of this.fragment(selection.name.value).removed) {
            this.record(removed, { ...field, path: [...path, ...field.path] });
          }
          return selection;
      }
    });
    return { ...selectionSet, selections };
  }

  private field(
    field: FieldNode,
    parentType: GraphQLCompositeType,
    path: readonly PathStep[],
    removed: RemovedField[],
  ): SelectionNode {
    const name = field.name.value;
    const definition =
      isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
    // `__typename` and introspection carry no guarded data; they are not in `getFields()` either.
    if (!definition) return field;
    const responseKey = field.alias?.value ?? name;
    const coordinate = `${parentType.name}.${name}`;
    const required = this.fieldScopes.get(coordinate) ?? this.unlisted;
    if (required && !satisfiesScopes(this.held, required)) {
      const marker = this.nextMarker();
      this.record(removed, { coordinate, responseKey, type: definition.type, marker, path });
      return {
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: marker },
        name: { kind: Kind.NAME, value: '__typename' },
        directives: field.directives ?? [],
      };
    }
    const type = getNamedType(definition.type);
    if (!field.selectionSet || !isCompositeType(type)) return field;
    const step: PathStep = { responseKey, type: definition.type };
    return { ...field, selectionSet: this.selectionSet(field.selectionSet, type, [...path, step], removed) };
  }

  private fragment(name: string): FilteredFragment {
    const known = this.filteredFragments.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) throw new Error(`Fragment ${name} is not in the document`);
    const removed: RemovedField[] = [];
    const selectionSet = this.selectionSet(fragment.selectionSet, type, [], removed);
    const filtered = { definition: { ...fragment, selectionSet }, removed };
    this.filteredFragments.set(name, filtered);
    return filtered;
  }

  private record(removed: RemovedField[], field: RemovedField): void {
    this.removedCount += 1;
    if (this.removedCount > MAX_REMOVED_FIELDS) throw new TooManyRemovedFields();
    removed.push(field);
  }
}

/** Marker aliases the client does not already use, so a marker never merges with a field of the client's. */
function markerAliases(document: DocumentNode): () => string {
  const used = new Set<string>();
  visit(document, { Field: (field) => void (field.alias && used.add(field.alias.value)) });
  let next = 0;
  return () => {
    let alias: string;
    do alias = `${MARKER_PREFIX}${next++}`;
    while (used.has(alias));
    return alias;
  };
}
