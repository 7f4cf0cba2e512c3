/**
 * Query limits at the gateway: a bounded depth, so a query that walks guardians → children → guardians…
 * cannot ask the subgraphs for an unbounded fan-out. Lists are already bounded by `first` ≤ 200.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export const MAX_DEPTH = 12;

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (!selection.name.value.startsWith('__')) {
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, visiting));
        }
        break;
      case Kind.INLINE_FRAGMENT:
        deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visiting));
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A cycle is reported by graphql's own NoFragmentCycles rule; do not recurse into it here.
        if (fragment && !visiting.has(name)) {
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, visiting));
          visiting.delete(name);
        }
        break;
      }
    }
  }
  return deepest;
}

export function depthLimit(max = MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const depth = depthOf(operation.selectionSet, fragments, new Set());
      if (depth > max) {
        context.reportError(
          // Apollo Server reports every validation failure as GRAPHQL_VALIDATION_FAILED.
          new GraphQLError(`Запрос слишком глубокий: ${depth} уровней вложенности при допустимых ${max}.`, {
            nodes: [operation],
          }),
        );
      }
    },
  });
}
