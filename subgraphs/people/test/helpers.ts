import { expect } from 'vitest';
import type { GraphQLResponse, Platform } from '@region/tests/platform';

/** The organization of a demo user's first ORGANIZATION or CLASS grant. */
export async function organizationOf(platform: Platform, login: string): Promise<string> {
  const result = await platform.query<{ me: { grants: { organization: { id: string } | null }[] } }>(
    { login },
    '{ me { grants { organization { id } } } }',
  );
  const id = result.data?.me.grants.find((grant) => grant.organization)?.organization?.id;
  if (!id) throw new Error(`${login} has no organization grant`);
  return id;
}

export function expectCode(result: GraphQLResponse, code: string): void {
  expect(
    result.errors?.map((error) => error.extensions?.code),
    JSON.stringify(result.errors),
  ).toContain(code);
}

export function expectOk(result: GraphQLResponse): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}
