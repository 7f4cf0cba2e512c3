/**
 * Hostile and malformed requests through the gateway with real tokens (issue 9, §6): expensive operations
 * are refused before anything runs, malformed input answers `BAD_USER_INPUT` (never
 * `INTERNAL_SERVER_ERROR`), CORS allows the gateway's own origin and the configured list, and only analysts
 * and operators read the schema.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const PORTAL = 'https://portal.municipality.test';
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ web: true, corsOrigins: [PORTAL] });
});
afterAll(async () => {
  await platform?.stop();
});

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

/** The walk of issue 9 that ran 6–8 s: myAssignments → class → students → classes → … */
const TEACHER_WALK =
  '{ myAssignments { class { students { classes { students { classes { students { classes { students { id lastName } } } } } } } } } }';

describe('expensive operations are refused before they run', () => {
  it('refuses a teacher’s nine-level walk through classes and students', async () => {
    const result = await platform.query({ login: 'teacher' }, TEACHER_WALK);
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 'cost' });
    expect(result.data).toBeUndefined();
  });

  it('refuses 100 aliases of persons(first: 200), for an operator too', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `p${i}: persons(first: 200) { edges { node { id } } }`);
    for (const login of ['operator', 'teacher']) {
      const result = await platform.query({ login }, `{ ${aliases.join(' ')} }`);
      expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
      expect(result.data).toBeUndefined();
    }
  });

  it('runs an ordinary page of the same field', async () => {
    const result = await platform.query<{ persons: { edges: unknown[] } }>(
      { login: 'operator' },
      '{ persons(first: 200) { edges { node { id } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.persons.edges.length).toBeGreaterThan(0);
  });
});

describe('malformed input answers BAD_USER_INPUT naming the field', () => {
  it('refuses an id that is not a UUID, as a literal and as a variable', async () => {
    const literal = await platform.query({ login: 'guardian' }, '{ person(id: "abc") { id } }');
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.extensions).toMatchObject({ field: 'id' });
    const variable = await platform.query({ login: 'operator' }, 'query ($id: ID!) { class(id: $id) { id } }', {
      id: "1' or '1'='1",
    });
    expect(codeOf(variable)).toBe('BAD_USER_INPUT');
    const nested = await platform.query(
      { login: 'operator' },
      'query ($org: ID) { persons(filter: { organizationId: $org }) { edges { node { id } } } }',
      { org: 'not-a-uuid' },
    );
    expect(codeOf(nested)).toBe('BAD_USER_INPUT');
    expect(nested.errors?.[0]?.extensions).toMatchObject({ field: 'organizationId' });
  });

  it('still answers a well-formed id', async () => {
    const own = await personIdOf(platform.admin, 'guardian');
    const result = await platform.query<{ person: { id: string } }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { id } }',
      { id: own },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.person.id).toBe(own);
  });

  it('refuses a NUL byte in a string', async () => {
    const result = await platform.query(
      { login: 'operator' },
      'query ($name: String) { persons(filter: { name: $name }) { edges { node { id } } } }',
      { name: 'Ив\u0000анов' },
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions).toMatchObject({ field: 'name' });
  });

  it('refuses a date that is not in the calendar', async () => {
    for (const from of ['2025-02-30', 'вчера', '2025-9-1']) {
      const result = await platform.query(
        { login: 'guardian' },
        'query ($from: Date) { me { person { diary(from: $from) { days { date } } } } }',
        { from },
      );
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a forged cursor', async () => {
    for (const after of ['forged', Buffer.from('{"id":"abc"}').toString('base64url'), '%%%']) {
      const result = await platform.query(
        { login: 'operator' },
        'query ($after: String) { persons(first: 5, after: $after) { edges { node { id } } } }',
        { after },
      );
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a persisted-query hash that does not match its text', async () => {
    const query = '{ me { person { id } } }';
    const response = await post(
      { login: 'guardian' },
      {
        query,
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      },
    );
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const unknownVersion = await post(
      { login: 'guardian' },
      {
        query,
        extensions: { persistedQuery: { version: 9, sha256Hash: sha256(query) } },
      },
    );
    expect(codeOf(unknownVersion)).toBe('BAD_USER_INPUT');
  });

  it('refuses an operation name the document does not have, or a missing one among several', async () => {
    for (const body of [
      { query: 'query Mine { me { person { id } } }', operationName: 'X' },
      { query: 'query A { me { person { id } } } query B { me { person { lastName } } }' },
    ]) {
      const response = await post({ login: 'guardian' }, body);
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    }
  });

  it('asks for the text of an unknown persisted query (the protocol), and runs it once sent', async () => {
    const query = '{ me { person { id } } }';
    const unknown = await post(
      { login: 'guardian' },
      {
        extensions: { persistedQuery: { version: 1, sha256Hash: 'bogus' } },
      },
    );
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(
      { login: 'guardian' },
      {
        query,
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
      },
    );
    expect(registered.errors).toBeUndefined();
  });

  it('answers 400 to a badly percent-encoded path of the web client', async () => {
    const response = await fetch(new URL('/%E0%A4%A', platform.webUrl));
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await fetch(new URL('/%D1%88%D0%BA%D0%BE%D0%BB%D0%B0', platform.webUrl))).status).toBe(200);
  });
});

describe('behind the gateway, the subgraphs refuse what PostgreSQL refuses as input', () => {
  it('answers BAD_USER_INPUT when a uuid column is handed something else', async () => {
    const token = await platform.signInternal({
      kind: 'PERSON',
      personId: await personIdOf(platform.admin, 'operator'),
      grants: [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }],
    });
    for (const [url, query] of [
      [platform.peopleUrl, '{ person(id: "abc") { id } }'],
      [platform.learningUrl, '{ class(id: "abc") { id } }'],
      [platform.admissionsUrl, '{ application(id: "abc") { id } }'],
    ] as const) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
    }
  });
});

describe('CORS and headers of /graphql', () => {
  const preflight = (origin: string) =>
    fetch(platform.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('allows the gateway’s own origin and the configured ones', async () => {
    const own = new URL(platform.gatewayUrl).origin;
    for (const origin of [own, PORTAL]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    }
  });

  it('refuses any other origin and never answers *', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const answer = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.token('guardian')}`,
      },
      body: JSON.stringify({ query: '{ me { person { id } } }' }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toContain('Origin');
  });

  it('sends nosniff with answers and refusals', async () => {
    const answer = await post({ login: 'guardian' }, { query: '{ me { person { id } } }' });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    // A bad token is refused at the door (no token at all is an anonymous caller since issue 11).
    const refusal = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PORTAL, authorization: 'Bearer garbage' },
      body: '{}',
    });
    expect(refusal.status).toBe(401);
    expect(refusal.headers.get('x-content-type-options')).toBe('nosniff');
    // The allowed page reads the refusal (sign in again) as it reads an answer.
    expect(refusal.headers.get('access-control-allow-origin')).toBe(PORTAL);
  });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('is open to analysts and regional operators', async () => {
    for (const login of ['analyst', 'operator']) {
      const result = await platform.query<{ __schema: { queryType: { name: string } } }>({ login }, INTROSPECTION);
      expect(result.errors).toBeUndefined();
      expect(result.data?.__schema.queryType.name).toBe('Query');
    }
  });

  it('is refused to everyone else, `__type` too; `__typename` stays allowed', async () => {
    for (const login of ['teacher', 'guardian', 'admin', 'coordinator']) {
      const result = await platform.query({ login }, INTROSPECTION);
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(result.data).toBeUndefined();
    }
    const type = await platform.query({ login: 'teacher' }, '{ __type(name: "Person") { fields { name } } }');
    expect(codeOf(type)).toBe('FORBIDDEN');
    const service = await platform.query(
      { token: await platform.serviceToken('epgu') },
      '{ __schema { types { name } } }',
    );
    expect(codeOf(service)).toBe('FORBIDDEN');
    const typename = await platform.query({ login: 'teacher' }, '{ __typename me { __typename } }');
    expect(typename.errors).toBeUndefined();
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function post(as: { login: string }, body: object): Promise<GraphQLResponse & { headers: Headers }> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.token(as.login)}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}
