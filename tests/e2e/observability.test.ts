/**
 * Observability through the whole platform (issue 10 §4): one request's id in the gateway's and two
 * subgraphs' log lines, one trace from the gateway through the subgraphs to SQL, and per-operation metrics
 * at `/metrics`.
 */
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createLogger, REQUEST_ID_HEADER, startTracing, type Tracing } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

/** A guardian's children with their classes: people answers `me`, learning the classes. */
const CHILDREN_CLASSES = 'query ChildrenClasses { me { person { children { id lastName classes { id name } } } } }';

let platform: Platform;
let tracing: Tracing | null;
const exporter = new InMemorySpanExporter();
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  tracing = startTracing({ service: 'platform', exporter });
  const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  platform = await startPlatform({ logger });
});
afterAll(async () => {
  await platform?.stop();
  await tracing?.shutdown();
});

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await platform.token('guardian')}`,
      ...headers,
    },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { response, body };
}

describe('request id', () => {
  it("appears in the gateway's and two subgraphs' log lines of one request", async () => {
    const { response, body } = await post(CHILDREN_CLASSES, { [REQUEST_ID_HEADER]: 'obs-test-1' });
    expect(body.errors).toBeUndefined();
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('obs-test-1');
    const ofRequest = lines.filter((line) => line['requestId'] === 'obs-test-1');
    const components = new Set(ofRequest.map((line) => line['component']));
    expect(components).toEqual(new Set(['gateway', 'people', 'learning']));
    // The gateway's access line names the operation; nothing else logged in the meantime carries the id.
    expect(ofRequest.find((line) => line['component'] === 'gateway')).toMatchObject({
      operation: 'ChildrenClasses',
      msg: 'graphql request',
    });
    expect(
      lines.filter((line) => line['requestId'] && line['requestId'] !== 'obs-test-1' && !ofRequest.includes(line)),
    ).toEqual([]);
  });

  it('makes a new id when the caller sends one that is not short and safe', async () => {
    for (const sent of ['a b<script>', 'x'.repeat(65), 'id";{}']) {
      const { response } = await post(CHILDREN_CLASSES, { [REQUEST_ID_HEADER]: sent });
      const answered = response.headers.get(REQUEST_ID_HEADER);
      expect(answered).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(lines.some((line) => line['requestId'] === answered && line['component'] === 'people')).toBe(true);
    }
  });
});

describe('traces', () => {
  const attribute = (span: ReadableSpan, name: string) => span.attributes[name];

  it('follow one request from the gateway through people and learning to their SQL', async () => {
    exporter.reset();
    const { response } = await post(CHILDREN_CLASSES);
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    // The gateway's server span ends once its answer is written, just after the client reads it.
    let spans: ReadableSpan[] = [];
    for (let waited = 0; waited < 2_000; waited += 50) {
      spans = exporter.getFinishedSpans();
      if (spans.some((span) => attribute(span, 'region.service') === 'gateway')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const gateway = spans.find((span) => attribute(span, 'region.service') === 'gateway');
    expect(gateway).toBeDefined();
    const traceId = gateway!.spanContext().traceId;
    const trace = spans.filter((span) => span.spanContext().traceId === traceId);
    expect(trace.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.fetch']));

    const fetchIds = new Set(
      trace.filter((span) => span.name === 'gateway.fetch').map((span) => span.spanContext().spanId),
    );
    for (const service of ['people', 'learning']) {
      const server = trace.find((span) => attribute(span, 'region.service') === service);
      // The subgraph's span continues the gateway's fetch span (W3C traceparent on the fetch).
      expect(server, service).toBeDefined();
      expect(fetchIds.has(server!.parentSpanContext?.spanId ?? '')).toBe(true);
      const sqlSpans = trace.filter(
        (span) => attribute(span, 'db.system.name') === 'postgresql' && isBelow(span, server!, trace),
      );
      expect(sqlSpans.length, `${service} SQL spans`).toBeGreaterThan(0);
      // Parameterized text only: no value of the request is in a span.
      for (const span of sqlSpans) expect(String(attribute(span, 'db.query.text'))).not.toContain(requestId ?? '-');
    }
    // Every span of the request is in this trace: none of them started a trace of its own.
    expect(spans.filter((span) => span.spanContext().traceId !== traceId)).toEqual([]);
  });
});

function isBelow(span: ReadableSpan, ancestor: ReadableSpan, spans: ReadableSpan[]): boolean {
  const byId = new Map(spans.map((item) => [item.spanContext().spanId, item]));
  for (let parent = span.parentSpanContext?.spanId; parent; parent = byId.get(parent)?.parentSpanContext?.spanId) {
    if (parent === ancestor.spanContext().spanId) return true;
  }
  return false;
}

/** The value of the series `name` whose labels include `labels` (label order is the client's business). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([label, value]) => found[label] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  const metricsOf = async (graphqlUrl: string) => {
    const response = await fetch(new URL('/metrics', graphqlUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it("shows the gateway's latency per operation, per subgraph fetch and the principal cache", async () => {
    await post(CHILDREN_CLASSES);
    await post('{ me { person { id } } }');
    // A bad token is refused at the door (no token at all is an anonymous caller since issue 11).
    expect((await platform.query({ token: 'garbage' }, '{ me { person { id } } }')).status).toBe(401);
    const missing = await post('query NoSuchPerson { person(id: "00000000-0000-7000-8000-000000000000") { id } }');
    expect(missing.body.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    const text = await metricsOf(platform.gatewayUrl);
    const gateway = { service: 'gateway' };
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(
      sample(text, 'graphql_request_duration_seconds_bucket', { ...gateway, operation: 'ChildrenClasses', le: '+Inf' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'graphql_request_duration_seconds_count', { ...gateway, operation: 'anonymous' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'learning', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'gateway_principal_cache_lookups_total', { result: 'hit' })).toBeGreaterThan(0);
    expect(sample(text, 'gateway_principal_cache_lookups_total', { result: 'miss' })).toBeGreaterThan(0);
    expect(sample(text, 'graphql_errors_total', { ...gateway, operation: 'NoSuchPerson', code: 'NOT_FOUND' })).toBe(1);
    expect(sample(text, 'graphql_errors_total', { ...gateway, operation: 'ChildrenClasses' })).toBeUndefined();
    // Refused at the door, before any operation ran.
    expect(sample(text, 'gateway_refused_requests_total', { status: '401', code: 'UNAUTHENTICATED' })).toBe(1);
  });

  it("shows each subgraph's operations under the client's operation name, its SQL and sessions", async () => {
    await post(CHILDREN_CLASSES);
    const people = await metricsOf(platform.peopleUrl);
    expect(
      sample(people, 'graphql_request_duration_seconds_count', { service: 'people', operation: 'ChildrenClasses' }),
    ).toBeGreaterThan(0);
    expect(sample(people, 'db_statement_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    // The scrape's own statement holds one session active.
    expect(sample(people, 'db_role_connections', { state: 'active' })).toBeGreaterThan(0);
    const learning = await metricsOf(platform.learningUrl);
    expect(
      sample(learning, 'graphql_request_duration_seconds_count', { service: 'learning', operation: 'ChildrenClasses' }),
    ).toBeGreaterThan(0);
  });

  it("shows the admissions outbox's pending and dead messages", async () => {
    const series = (state: string) => ({ event: 'STATUS_CHANGED', state });
    const before = await metricsOf(platform.admissionsUrl);
    const pending = sample(before, 'outbox_messages', series('pending'));
    const dead = sample(before, 'outbox_messages', series('dead'));
    expect(pending).toBeTypeOf('number');
    expect(dead).toBeTypeOf('number');
    // One message given up and one waiting for its retry, of the same event.
    await platform.admin.sql.unsafe(
      `insert into admissions.outbox (application_id, event, payload, next_attempt_at)
       select id, 'STATUS_CHANGED', '{}', t from admissions.applications,
         unnest(array['9999-12-31T00:00:00Z', now() + interval '1 hour']::timestamptz[]) as t
       where id = (select min(id::text)::uuid from admissions.applications)`,
    );
    const after = await metricsOf(platform.admissionsUrl);
    expect(sample(after, 'outbox_messages', series('dead'))).toBe(dead! + 1);
    expect(sample(after, 'outbox_messages', series('pending'))).toBe(pending! + 1);
  });
});
