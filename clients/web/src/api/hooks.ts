/**
 * `useQuery` narrowed to what pages render: `data` is the complete result or undefined (never a partial
 * streaming shape), so a page reads one type. Loading, error and refetch pass through.
 */
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

type Options<TData, TVariables extends OperationVariables> = Omit<useQuery.Options<TData, TVariables>, 'variables'> & {
  variables?: TVariables;
};

// useQuery's overloads decide on the variables' shape, which a generic wrapper cannot show them;
// callers are typed by `useData`'s own signature instead.
const untypedUseQuery = useQuery as unknown as <TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  options?: Options<TData, TVariables>,
) => useQuery.Result<TData, TVariables>;

export function useData<TData, TVariables extends OperationVariables = Record<string, never>>(
  query: TypedDocumentNode<TData, TVariables>,
  options?: Options<TData, TVariables>,
) {
  const result = untypedUseQuery(query, options);
  const data = result.dataState === 'complete' ? (result.data as TData) : undefined;
  return { ...result, data };
}
