/**
 * The gateway's per-document caches never cross principals (issue 13 §4, §5): the access filter's result is
 * keyed by the scope set, the query-limit verdicts by the limit kind, and who may introspect is decided per
 * request. Principals with different scopes send the very same text at once, many times, and each answer
 * is compared with the one its owner gets alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

/** The same text for everyone: `history` needs `audit:read`, `extraCertificate` needs `extra:read`. */
const GUARDED = `query Guarded {
  me { person { id lastName history(first: 3) { id field } extraCertificate { id } } }
}`;

const errorsOf = (result: GraphQLResponse) =>
  (result.errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path?.join('.') }));

/** Sends each login's request `times` times, interleaved and all at once. */
async function concurrently(logins: string[], times: number, query: string) {
  const tokens = new Map(await Promise.all(logins.map(async (login) => [login, await platform.token(login)] as const)));
  const sent = Array.from({ length: times }, () => logins).flat();
  const results = await Promise.all(sent.map((login) => platform.query({ token: tokens.get(login)! }, query)));
  return sent.map((login, index) => ({ login, result: results[index]! }));
}

describe('the access filter’s cache', () => {
  it('gives each principal its own fields and refusals when both send one text at once', async () => {
    const alone = {
      guardian: await platform.query({ login: 'guardian' }, GUARDED),
      teacher: await platform.query({ login: 'teacher' }, GUARDED),
    };
    // The guardian holds both scopes: nothing is removed at the gateway (people itself refuses the history of
    // her own card per row, with its own message, which is part of her answer).
    expect(alone.guardian.errors?.filter((error) => error.message.startsWith('Not authorized to read field'))).toEqual(
      [],
    );
    expect(errorsOf(alone.guardian)).toEqual([{ code: 'FORBIDDEN', path: 'me.person.history' }]);
    // The teacher holds neither: both fields are removed before planning, null with FORBIDDEN.
    expect(alone.teacher.errors).toEqual([
      expect.objectContaining({
        message: 'Not authorized to read field "Person.history"',
        path: ['me', 'person', 'history'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
      expect.objectContaining({
        message: 'Not authorized to read field "Person.extraCertificate"',
        path: ['me', 'person', 'extraCertificate'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    const person = (result: GraphQLResponse) => (result.data as { me: { person: { id: string } } }).me.person;
    expect(person(alone.guardian).id).not.toBe(person(alone.teacher).id);

    for (const { login, result } of await concurrently(['guardian', 'teacher'], 15, GUARDED)) {
      const own = alone[login as keyof typeof alone];
      expect(result.data, login).toEqual(own.data);
      expect(result.errors, login).toEqual(own.errors);
    }
  });
});

describe('the query guards’ cache', () => {
  /** 40 aliases: over a person's limit (30), under an analyst's (50). */
  const ALIASES = `{ ${Array.from({ length: 40 }, (_, index) => `a${index}: me { person { id } }`).join(' ')} }`;
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('refuses by each principal’s own limits when both send one text at once', async () => {
    for (const { login, result } of await concurrently(['guardian', 'operator'], 10, ALIASES)) {
      if (login === 'guardian') {
        expect(result.status).toBe(400);
        expect(result.errors?.map((error) => error.extensions)).toEqual([
          expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30 }),
        ]);
      } else {
        expect(result.errors, login).toBeUndefined();
        expect(Object.keys(result.data ?? {}).length).toBe(40);
      }
    }
  });

  it('decides introspection per principal, not per limit kind, when both send one text at once', async () => {
    // A regional operator and a municipal coordinator share the analyst limits; only the first may introspect.
    for (const { login, result } of await concurrently(['operator', 'coordinator'], 10, INTROSPECTION)) {
      if (login === 'operator') {
        expect(result.errors, login).toBeUndefined();
        expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      } else {
        expect(result.status).toBe(403);
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    }
  });
});
