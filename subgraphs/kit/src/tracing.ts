/**
 * OpenTelemetry traces (issue 10 §4): gateway → subgraphs → SQL, exported by OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Off by default: no SDK is started, the API's tracer is a no-op, and
 * a span costs a function call. The gateway's own spans (`gateway.request`, `gateway.plan`,
 * `gateway.fetch`…) come from `@apollo/gateway`; the kit adds a server span per request (continuing the
 * caller's W3C `traceparent`) and a span per SQL statement (`db.ts`).
 * A span never holds personal data: statements are recorded as their parameterized text, never their values.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export const tracer = trace.getTracer('@region/kit');

export interface TracingOptions {
  /** `service.name` of every span this process exports. */
  service: string;
  /** The collector's base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Another exporter (tests: an in-memory one); spans are then exported one by one, synchronously. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes what is buffered and unregisters the SDK (the API is a no-op again). */
  shutdown(): Promise<void>;
}

/** Starts the SDK for this process; without an endpoint or exporter, starts nothing. */
export function startTracing(options: TracingOptions): Tracing | null {
  let processor: SpanProcessor;
  if (options.exporter) processor = new SimpleSpanProcessor(options.exporter);
  else if (options.endpoint)
    processor = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: new URL('v1/traces', `${options.endpoint.replace(/\/+$/, '')}/`).href }),
    );
  else return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors: [processor],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Headers carrying the active trace (`traceparent`) to the next service. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, name, value) => set(name, value) });
}

/**
 * Runs a request to `service` inside a server span that continues the caller's trace (the gateway's
 * `traceparent` on a subgraph fetch).
 */
export function withServerSpan(
  service: string,
  request: IncomingMessage,
  response: ServerResponse,
  work: (span: Span) => Promise<void>,
): Promise<void> {
  const parent = propagation.extract(context.active(), request.headers);
  return tracer.startActiveSpan(
    `${request.method ?? 'GET'} /graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'region.service': service, 'http.request.method': request.method ?? 'GET', 'url.path': '/graphql' },
    },
    parent,
    async (span) => {
      try {
        await work(span);
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
