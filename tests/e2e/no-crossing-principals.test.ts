/**
 * No answer crosses principals (issue 13 §5). A gateway that deduplicates identical subgraph requests, or a cache
 * keyed without the principal, hands one user's answer to another: Hive Gateway's default upstream deduplication
 * gave 148 of 300 answers another user's person, because the per-user internal token was added after the key was
 * made. Here two guardians and two teachers send the same operation texts at once through the gateway, interleaved,
 * and every answer must equal the one its owner gets alone — whatever deduplication or caching the request path
 * holds now or later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

/** A school day with lessons in its week (the diary answers the platform clock's week). */
const TODAY = new Date('2026-11-20T07:00:00Z');

/** The same texts for everyone, without variables: only the principal tells the answers apart. */
const OPERATIONS = {
  me: /* GraphQL */ `
    query Me {
      me {
        person {
          id
          fullName
        }
        grants {
          role
          territory
          classId
          organization {
            id
          }
          children {
            id
            fullName
          }
        }
        consentRequests {
          id
        }
      }
    }
  `,
  diary: /* GraphQL */ `
    query ChildrenDiary {
      me {
        person {
          id
          children {
            id
            fullName
            diary {
              from
              to
              days {
                date
                lessons {
                  lesson {
                    id
                    topic
                    subject {
                      name
                    }
                  }
                  marks {
                    value
                  }
                  attendance
                }
              }
            }
          }
        }
      }
    }
  `,
  assignments: /* GraphQL */ `
    query Assignments {
      myAssignments {
        class {
          id
          name
          students {
            id
            fullName
          }
        }
        subject {
          id
          name
        }
      }
    }
  `,
} as const;
type OperationName = keyof typeof OPERATIONS;

const PRINCIPALS: { login: string; operations: OperationName[] }[] = [
  { login: 'guardian', operations: ['me', 'diary'] },
  { login: 'guardian2', operations: ['me', 'diary'] },
  { login: 'teacher', operations: ['me', 'assignments'] },
  { login: 'class-teacher', operations: ['me', 'assignments'] },
];
const REQUESTS = 200;
const IN_FLIGHT = 50;

/** Every `id` an answer holds (persons, classes, lessons…): another person's data brings ids of its own. */
function idsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'id' && typeof item === 'string') found.add(item);
      else idsIn(item, found);
    }
  }
  return found;
}

let platform: Platform;
const tokens = new Map<string, string>();

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  for (const { login } of PRINCIPALS) tokens.set(login, await platform.token(login));
});
afterAll(async () => {
  await platform?.stop();
});

async function ask(login: string, operation: OperationName): Promise<unknown> {
  const response = await platform.query({ token: tokens.get(login)! }, OPERATIONS[operation]);
  return { status: response.status, data: response.data, errors: response.errors };
}

describe('no answer crosses principals', () => {
  it(`answers ${REQUESTS} interleaved identical requests of four people each with that person’s own answer`, async () => {
    // Each person's answers alone, one request at a time.
    const alone = new Map<string, unknown>();
    for (const { login, operations } of PRINCIPALS) {
      for (const operation of operations) alone.set(`${login} ${operation}`, await ask(login, operation));
    }
    // The answers really tell the people apart, and carry data (a crossed answer could not pass unnoticed).
    for (const operation of ['me', 'diary', 'assignments'] as const) {
      const answers = PRINCIPALS.filter((principal) => principal.operations.includes(operation)).map((principal) =>
        JSON.stringify(alone.get(`${principal.login} ${operation}`)),
      );
      expect(new Set(answers).size, operation).toBe(answers.length);
    }
    for (const answer of alone.values()) expect(answer).toMatchObject({ status: 200, errors: undefined });
    const guardianDiary = alone.get('guardian diary') as {
      data: { me: { person: { children: { diary: { days: { lessons: unknown[] }[] } }[] } } };
    };
    expect(guardianDiary.data.me.person.children).toHaveLength(2);
    expect(guardianDiary.data.me.person.children[0]!.diary.days.some((day) => day.lessons.length > 0)).toBe(true);

    // Interleaved, 50 in flight at a time, so that identical operations of different people are in flight
    // together (each person has about a dozen at any moment).
    const sent = Array.from({ length: REQUESTS }, (_, index) => {
      const principal = PRINCIPALS[index % PRINCIPALS.length]!;
      const operation = principal.operations[Math.floor(index / PRINCIPALS.length) % principal.operations.length]!;
      return { login: principal.login, operation };
    });
    const answers: unknown[] = new Array(REQUESTS);
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) {
          const index = next++;
          answers[index] = await ask(sent[index]!.login, sent[index]!.operation);
        }
      }),
    );

    // An answer is its owner's, or — when a subgraph did not answer in time on a loaded machine — a refusal
    // carrying nothing but what its owner may see. Anything else crossed.
    const crossed: string[] = [];
    let exact = 0;
    sent.forEach(({ login, operation }, index) => {
      const own = alone.get(`${login} ${operation}`);
      const answer = answers[index] as { errors?: { extensions?: { code?: string } }[] };
      if (JSON.stringify(answer) === JSON.stringify(own)) exact += 1;
      else if (
        !answer.errors?.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE') ||
        [...idsIn(answer)].some((id) => !idsIn(own).has(id))
      ) {
        crossed.push(`#${index} ${login} ${operation}: ${JSON.stringify(answer).slice(0, 300)}`);
      }
    });
    expect(crossed).toEqual([]);
    // Most answers are whole, so the comparison above is not passed by refusals alone.
    expect(exact).toBeGreaterThanOrEqual(REQUESTS * 0.9);
  }, 180_000);
});
