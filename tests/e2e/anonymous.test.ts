/**
 * The anonymous principal (issue 11): a request without `Authorization` reads the public registry of
 * organizations and municipalities (the catalogue's filters) and nothing else; anything personal is refused
 * as a whole with `UNAUTHENTICATED`; a bad token is never read as anonymous; anonymous callers get the
 * strictest query limits and a rate limit per address.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { ESIA_AUDIENCE, ESIA_ISSUER, startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const BURST = 25;
let platform: Platform;

beforeAll(async () => {
  // A slow refill, so the rate-limit test at the end finds the bucket as the tests before it left it.
  platform = await startPlatform({ anonymousRateLimit: { burst: BURST, perSecond: 0.01 } });
});
afterAll(async () => {
  await platform?.stop();
});

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

const ORGANIZATIONS = `query ($type: OrganizationType) {
  organizations(filter: { type: $type }, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id type shortName fullName inn address pfdoParticipant municipality { id name } } }
  }
  municipalities { id name oktmo }
}`;

interface Organizations {
  organizations: {
    totalCount: number;
    edges: { node: { type: string; shortName: string; municipality: { name: string } } }[];
  };
  municipalities: { id: string; name: string }[];
}

/** Requests sent without a token so far: the rate-limit test counts on the bucket they left. */
let anonymousRequests = 0;
function anonymous<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) {
  anonymousRequests += 1;
  return platform.query<T>(null, query, variables);
}

describe('an anonymous caller reads the public registry', () => {
  it('lists extra-education organizations with their municipality, and the municipalities', async () => {
    const result = await anonymous<Organizations>(ORGANIZATIONS, { type: 'EXTRA_EDUCATION' });
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.organizations.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.type === 'EXTRA_EDUCATION' && node.municipality.name)).toBe(true);
    expect(result.data!.municipalities.length).toBeGreaterThan(0);
  });

  it('reads one organization by id', async () => {
    const [row] = await platform.admin.sql<{ id: string }[]>`select id from people.organizations limit 1`;
    const result = await anonymous<{ organization: { id: string } }>(
      'query ($id: ID!) { organization(id: $id) { id shortName } }',
      { id: row!.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.organization.id).toBe(row!.id);
  });

  it('reads the extra-education catalogue: programmes for a child of 7, their groups and free places', async () => {
    const result = await anonymous<{
      programmes: {
        totalCount: number;
        edges: {
          node: {
            name: string;
            ageFrom: number;
            ageTo: number;
            organization: { shortName: string };
            groups: { freePlaces: number }[];
          };
        }[];
      };
    }>(
      `query ($age: Int) {
        programmes(filter: { age: $age }, first: 20) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id name direction ageFrom ageTo pricePerMonth funding freePlaces
            organization { shortName pfdoParticipant municipality { name } }
            groups { name schedule capacity startsOn endsOn freePlaces } } }
        }
      }`,
      { age: 7 },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.programmes.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.ageFrom <= 7 && 7 <= node.ageTo && node.organization.shortName)).toBe(true);
  });

  it("is refused a group's teacher (staff data) as a whole with UNAUTHENTICATED", async () => {
    const result = await anonymous(`{ programmes(first: 1) { edges { node { groups { teacher { id } } } } } }`);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('answers __typename (not introspection)', async () => {
    const result = await anonymous('{ __typename }');
    expect(result.errors).toBeUndefined();
  });
});

describe('anything else needs a sign-in', () => {
  const refused = [
    ['me', '{ me { person { id } } }', 'Query.me'],
    ['a list of persons', '{ persons(first: 5) { edges { node { id } } } }', 'Query.persons'],
    ['a person by id', '{ person(id: "00000000-0000-7000-8000-000000000000") { id } }', 'Query.person'],
    [
      'a field another subgraph adds to a public organization',
      '{ organizations(first: 5) { edges { node { id classes { id name } } } } }',
      'Organization.classes',
    ],
    [
      'aggregates of a public municipality',
      '{ municipalities { id dataCompleteness { __typename } } }',
      'Municipality.dataCompleteness',
    ],
    [
      'a mutation',
      'mutation { grantConsent(personId: "00000000-0000-7000-8000-000000000000", kind: PROCESSING) { __typename } }',
      'Mutation.grantConsent',
    ],
  ] as const;

  it.each(refused)('refuses %s with UNAUTHENTICATED, before anything runs', async (_, query, field) => {
    const statements = await platform.recordStatements(async () => {
      const result = await anonymous(query);
      if (codeOf(result) === 'GRAPHQL_VALIDATION_FAILED') throw new Error(JSON.stringify(result.errors));
      expect(result.status).toBe(401);
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toMatch(/Войдите через Госуслуги/);
      expect(result.data).toBeUndefined();
      if (field) expect(result.errors?.[0]?.extensions).toMatchObject({ fields: expect.arrayContaining([field]) });
    });
    // Refused before planning: no subgraph ran a statement for it.
    expect(statements).toEqual([]);
  });

  it('keeps the schema closed (introspection)', async () => {
    const result = await anonymous('{ __schema { types { name } } }');
    expect(result.status).toBe(403);
    expect(codeOf(result)).toBe('FORBIDDEN');
  });
});

describe('a bad token is never read as anonymous', () => {
  const send = (authorization: string) =>
    fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ municipalities { id } }' }),
    }).then(async (response) => ({ ...((await response.json()) as GraphQLResponse), status: response.status }));

  it('refuses an expired token even for the public registry', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = await new SignJWT({ 'urn:esia:sbj_id': Number(findAccountByLogin('guardian')!.oid) })
      .setProtectedHeader({ alg: 'ES256', kid: platform.esiaKeys.kid, typ: 'JWT' })
      .setIssuer(ESIA_ISSUER)
      .setAudience(ESIA_AUDIENCE)
      .setIssuedAt(past)
      .setExpirationTime(past + 600)
      .sign(platform.esiaKeys.privateKey);
    const result = await send(`Bearer ${expired}`);
    expect(result.status).toBe(401);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/истёк/);
  });

  it.each(['Bearer garbage', 'Bearer ', 'Basic dXNlcjpwYXNz'])('refuses «%s»', async (authorization) => {
    const result = await send(authorization);
    expect(result.status).toBe(401);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });
});

describe('anonymous callers have the strictest limits', () => {
  /** Cost ≈ 4 800 objects: within a signed-in person's 15 000, over the anonymous 2 000. */
  const WALK = '{ persons(first: 50) { edges { node { classes { students { classes { id } } } } } } }';

  it('refuses an operation over the anonymous cost limit in milliseconds', async () => {
    const started = performance.now();
    const result = await anonymous(WALK);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', max: 2000 });
  });

  it('lets a signed-in person run the same operation (their limit is higher)', async () => {
    const result = await platform.query({ login: 'operator' }, WALK);
    expect(codeOf(result)).not.toBe('QUERY_TOO_COMPLEX');
    expect(result.status).toBe(200);
  });

  it('refuses a page over 50 with BAD_USER_INPUT naming `first`; a person may ask for 200', async () => {
    const query = 'query ($first: Int) { organizations(first: $first) { edges { node { id } } } }';
    const result = await anonymous(query, { first: 51 });
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions).toMatchObject({ field: 'first', limit: 'page', max: 50 });
    const person = await platform.query({ login: 'guardian' }, query, { first: 200 });
    expect(person.errors).toBeUndefined();
  });

  it('refuses more than 5 aliases', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `m${i}: municipalities { id }`).join(' ');
    const result = await anonymous(`{ ${aliases} }`);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases' });
  });
});

describe('behind the gateway, an anonymous principal reaches no person row (defence in depth)', () => {
  const direct = async (query: string) => {
    const response = await fetch(platform.peopleUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.signInternal({ kind: 'ANONYMOUS' })}`,
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GraphQLResponse<{
      persons?: { totalCount: number };
      organizations?: { totalCount: number };
    }>;
  };

  it('people answers the registry and no persons to an ANONYMOUS internal token', async () => {
    const persons = await direct('{ persons(first: 5) { totalCount edges { node { id } } } }');
    expect(persons.data?.persons?.totalCount).toBe(0);
    const organizations = await direct('{ organizations(first: 5) { totalCount } }');
    expect(organizations.data?.organizations?.totalCount).toBeGreaterThan(0);
  });
});

describe('a signed-in person reads what they did', () => {
  it('reads their own card and the registry', async () => {
    const result = await platform.query<{ me: { person: { fullName: string } } }>(
      { login: 'guardian' },
      '{ me { person { id fullName birthDate children { id fullName } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.person.fullName).toBeTruthy();
    const registry = await platform.query<Organizations>({ login: 'guardian' }, ORGANIZATIONS, { type: 'SCHOOL' });
    expect(registry.errors).toBeUndefined();
    expect(registry.data?.organizations.edges.length).toBeGreaterThan(0);
  });
});

describe('the rate limit per address (last: it spends the bucket)', () => {
  it('answers 429 RATE_LIMITED with Retry-After once the burst is spent, whatever X-Forwarded-For says', async () => {
    const remaining = BURST - anonymousRequests;
    expect(remaining).toBeGreaterThan(0);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= remaining; i += 1) {
      last = await fetch(platform.gatewayUrl, {
        method: 'POST',
        // The gateway trusts no proxy here: a forged header does not buy a fresh bucket.
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ query: '{ municipalities { id } }' }),
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, remaining).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await last!.json()) as GraphQLResponse;
    expect(codeOf(body)).toBe('RATE_LIMITED');
    expect(body.errors?.[0]?.message).toMatch(/Слишком много запросов/);
  });

  it('does not limit a signed-in person from the same address', async () => {
    const result = await platform.query({ login: 'guardian' }, '{ municipalities { id } }');
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });
});
