/**
 * Faults at the gateway (issue 9, §7): a stopped subgraph is named in the error of each field it would have
 * filled while the other subgraphs still answer, and the gateway's shutdown lets in-flight requests finish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const DIARY = '{ me { person { id lastName diary { days { date } } } } }';

interface Diaries {
  me: { person: { id: string; lastName: string; diary: unknown; children?: { id: string; diary: unknown }[] } };
}

describe('a subgraph that is down', () => {
  it('serves the diary while learning is up', async () => {
    const result = await platform.query<Diaries>({ login: 'student' }, DIARY);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.person.diary).not.toBeNull();
  });

  it('names the unavailable service and the path of each field it would have filled', async () => {
    await platform.stopSubgraph('learning');

    const own = await platform.query<Diaries>({ login: 'student' }, DIARY);
    expect(own.status).toBe(200);
    expect(own.data?.me.person.lastName).toBeTruthy();
    expect(own.data?.me.person.diary).toBeNull();
    expect(own.errors).toEqual([
      {
        message: expect.stringContaining('learning'),
        path: ['me', 'person', 'diary'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', service: 'learning' }),
      },
    ]);

    const children = await platform.query<Diaries>(
      { login: 'guardian' },
      '{ me { person { lastName children { id diary { days { date } } } } } }',
    );
    const kids = children.data?.me.person.children ?? [];
    expect(kids.length).toBe(2);
    expect(kids.every((child) => child.id && child.diary === null)).toBe(true);
    expect(children.errors?.map((error) => [error.extensions?.code, error.path])).toEqual(
      kids.map((_, index) => ['SUBGRAPH_UNAVAILABLE', ['me', 'person', 'children', index, 'diary']]),
    );
  });

  it('leaves a root field of that subgraph null beside the others’ data', async () => {
    const result = await platform.query<{ me: { person: { id: string } }; lesson: unknown }>(
      { login: 'teacher' },
      '{ me { person { id } } lesson(id: "0196a000-0000-7000-8000-000000000000") { id } }',
    );
    expect(result.data?.me.person.id).toBeTruthy();
    expect(result.data?.lesson).toBeNull();
    expect(result.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([
      ['SUBGRAPH_UNAVAILABLE', ['lesson']],
    ]);
  });
});

describe('shutdown', () => {
  it('lets an in-flight request finish and takes no new one', async () => {
    const token = await platform.token('guardian');
    const ask = () =>
      fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { person { lastName } } }' }),
      });
    expect((await ask()).status).toBe(200); // the principal is cached from here on

    // Hold the persons table, so the next request is in flight inside the people subgraph.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const lock = platform.admin.sql.begin(async (sql) => {
      await sql`lock table people.persons in access exclusive mode`;
      locked();
      await held;
    });
    await lockTaken;
    const inFlight = ask();
    await waitFor(async () => {
      const [row] = await platform.admin.sql<{ waiting: number }[]>`
        select count(*)::int as waiting from pg_stat_activity
        where wait_event_type = 'Lock' and datname = current_database()`;
      return (row?.waiting ?? 0) > 0;
    });

    let stopped = false;
    const stopping = platform.stopGateway().then(() => (stopped = true));
    await waitFor(
      async () =>
        await ask().then(
          () => false,
          () => true,
        ),
    );
    expect(stopped).toBe(false);

    release();
    await lock;
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { data: { me: { person: { lastName: string } } } }).data.me.person.lastName,
    ).toBeTruthy();
    await stopping;
    expect(stopped).toBe(true);
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in 5 s');
}

describe('people down at login', () => {
  let second: Platform;
  beforeAll(async () => {
    second = await startPlatform();
  });
  afterAll(async () => {
    await second?.stop();
  });

  it('refuses a login it cannot resolve with 503 naming people, not a masked 500', async () => {
    await second.stopSubgraph('people');
    const result = await second.query({ login: 'teacher' }, '{ me { person { id } } }');
    expect(result.status).toBe(503);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', service: 'people' });
  });
});
