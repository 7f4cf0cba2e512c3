/**
 * The SDL cannot import the shared enums (`src/enums.ts`): each GraphQL enum listed here must carry exactly
 * the shared values, so the API, the database enum, the rules and the web labels never drift apart.
 */
import { parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_CATEGORIES,
  APPLICATION_KINDS,
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  EXTRA_APPLICATION_STATUSES,
  EXTRA_SOURCES,
  PAYMENT_METHODS,
  PROGRAMME_DIRECTIONS,
  PROGRAMME_STATUSES,
  subgraphSdl,
} from '../src/index.ts';

const SHARED: { subgraph: string; graphqlEnum: string; values: readonly string[] }[] = [
  { subgraph: 'admissions', graphqlEnum: 'ApplicationStatus', values: APPLICATION_STATUSES },
  { subgraph: 'admissions', graphqlEnum: 'ApplicationKind', values: APPLICATION_KINDS },
  { subgraph: 'admissions', graphqlEnum: 'ApplicationSource', values: APPLICATION_SOURCES },
  { subgraph: 'admissions', graphqlEnum: 'ApplicationCategory', values: APPLICATION_CATEGORIES },
  { subgraph: 'extra-education', graphqlEnum: 'ProgrammeDirection', values: PROGRAMME_DIRECTIONS },
  { subgraph: 'extra-education', graphqlEnum: 'ProgrammeStatus', values: PROGRAMME_STATUSES },
  { subgraph: 'extra-education', graphqlEnum: 'PaymentMethod', values: PAYMENT_METHODS },
  { subgraph: 'extra-education', graphqlEnum: 'ExtraApplicationStatus', values: EXTRA_APPLICATION_STATUSES },
  { subgraph: 'extra-education', graphqlEnum: 'ExtraApplicationSource', values: EXTRA_SOURCES },
  // The movement book carries the payment method of an extra-education enrolment: the same enum, so it composes.
  { subgraph: 'people', graphqlEnum: 'PaymentMethod', values: PAYMENT_METHODS },
];

describe('shared enums match the SDL', () => {
  it.each(SHARED)('$graphqlEnum in $subgraph', ({ subgraph, graphqlEnum, values }) => {
    const definition = parse(subgraphSdl(subgraph)).definitions.find(
      (node): node is EnumTypeDefinitionNode => node.kind === 'EnumTypeDefinition' && node.name.value === graphqlEnum,
    );
    expect(definition?.values?.map((value) => value.name.value)).toEqual([...values]);
  });
});
