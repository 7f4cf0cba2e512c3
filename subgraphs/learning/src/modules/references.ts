/** Entity references to other subgraphs' types: the gateway resolves them there, under their row scope. */
export const person = (id: string) => ({ __typename: 'Person' as const, id });
