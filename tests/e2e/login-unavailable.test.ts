/**
 * A login the gateway cannot resolve because people cannot answer (issue 9, §7): its database is down, or
 * something in front of it answers instead (a proxy's error page, an empty body, a 502). The gateway answers
 * 503 with a code naming people, not a masked 500; a principal resolved before the outage keeps working.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@region/kit';
import { SUBGRAPH_ROLES } from '@region/db';
import { startPlatform, type Platform } from '../src/platform.ts';
import { startPlatformBehindFront, type PeopleFront } from '../src/people-front.ts';

const ME = '{ me { person { id } } }';

describe('people up, its database down', () => {
  let platform: Platform;
  /** What the parts log as errors; everything else goes to the usual silent logger. */
  const errorLines: string[] = [];
  beforeAll(async () => {
    const silent = createLogger('test', 'silent');
    const logger = new Proxy(silent, {
      get: (target, key, receiver) =>
        key === 'error'
          ? (_fields: unknown, message?: string) => void errorLines.push(message ?? '')
          : Reflect.get(target, key, receiver),
    });
    platform = await startPlatform({ logger });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** No new connection to the test database but the superuser's, and people's open ones are ended. */
  async function cutPeopleDatabase(): Promise<void> {
    const { sql } = platform.admin;
    await sql.unsafe(`alter database "${platform.database.name}" connection limit 0`);
    const role = SUBGRAPH_ROLES.people.role;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and usename = ${role}`;
    for (let attempt = 0; attempt < 200; attempt++) {
      const [row] = await sql<{ left: number }[]>`select count(*)::int as left from pg_stat_activity
                      where datname = current_database() and usename = ${role}`;
      if (row?.left === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('people kept its connections');
  }

  it('refuses a new login with 503 SERVICE_UNAVAILABLE naming people; a cached principal still gets answers', async () => {
    const before = await platform.query({ login: 'teacher' }, ME); // the teacher's principal is cached from here
    expect(before.status).toBe(200);
    expect(before.errors).toBeUndefined();

    await cutPeopleDatabase();
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        const login = await platform.query({ login: 'guardian' }, ME);
        expect(login.status).toBe(503);
        expect(login.errors).toEqual([
          {
            message: expect.stringMatching(/people.*базе данных/),
            extensions: { code: 'SERVICE_UNAVAILABLE', service: 'people' },
          },
        ]);
      }
      // Once per burst, not a line (or a stack) per refused login.
      expect(errorLines.filter((line) => line.includes('people database'))).toHaveLength(1);

      // The gateway does not refuse the cached teacher; people itself says its data is unavailable.
      const cached = await platform.query({ login: 'teacher' }, ME);
      expect(cached.status).toBe(200);
      expect(cached.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await platform.admin.sql.unsafe(`alter database "${platform.database.name}" connection limit -1`);
    }

    const after = await platform.query<{ me: { person: { id: string } } }>({ login: 'guardian' }, ME);
    expect(after.status).toBe(200);
    expect(after.data?.me.person.id).toBeTruthy();
  });
});

type Fault = 'html503' | 'empty' | 'bad-gateway' | null;

describe('something in front of people answers instead of it', () => {
  let platform: Platform;
  let fault: Fault = null;
  let behind: PeopleFront | undefined;

  /** Answers as a failing proxy would while `fault` is set; otherwise lets the request through to people. */
  function answerInstead(_: IncomingMessage, response: ServerResponse): boolean {
    switch (fault) {
      case 'html503':
        response.writeHead(503, { 'content-type': 'text/html' });
        response.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
        return true;
      case 'empty':
        response.writeHead(200);
        response.end();
        return true;
      case 'bad-gateway':
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('Bad Gateway');
        return true;
      case null:
        return false;
    }
  }

  beforeAll(async () => {
    behind = await startPlatformBehindFront(answerInstead);
    platform = behind.platform;
  });
  afterAll(async () => {
    await behind?.stop();
  });

  it('serves logins while people answers', async () => {
    const result = await platform.query<{ me: { person: { id: string } } }>({ login: 'teacher' }, ME);
    expect(result.status).toBe(200);
    expect(result.data?.me.person.id).toBeTruthy();
  });

  for (const [kind, what] of [
    ['html503', 'a proxy’s 503 HTML page'],
    ['empty', 'an empty 200 body'],
    ['bad-gateway', 'a 502 in plain text'],
  ] as const) {
    it(`refuses a new login with 503 SUBGRAPH_UNAVAILABLE on ${what}`, async () => {
      fault = kind;
      try {
        const result = await platform.query({ login: 'guardian' }, ME);
        expect(result.status).toBe(503);
        expect(result.errors).toEqual([
          {
            message: expect.stringContaining('«people» не отвечает'),
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'people' },
          },
        ]);
      } finally {
        fault = null;
      }
    });
  }

  it('keeps serving a principal resolved before the fault', async () => {
    fault = 'html503';
    try {
      // The teacher's principal was cached by the first test: not refused at the door; the field people
      // would have filled is null and named, as for any unavailable subgraph.
      const result = await platform.query({ login: 'teacher' }, ME);
      expect(result.status).toBe(200);
      expect(result.errors?.map((error) => [error.extensions, error.path])).toEqual([
        [expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', service: 'people' }), ['me']],
      ]);
    } finally {
      fault = null;
    }
  });
});
